package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the clients of one pool off the callers' threads, and keeps retrying a slot whose start
 * fails, with a delay that doubles up to 30 s (a broken upstream must not be restarted in a loop).
 */
final class ClientStarter {

	private static final Logger log = LoggerFactory.getLogger(ClientStarter.class);

	private static final Duration RETRY_DELAY_MIN = Duration.ofSeconds(1);

	private static final Duration RETRY_DELAY_MAX = Duration.ofSeconds(30);

	private final Upstream config;

	private final ClientFactory factory;

	/** Takes a started client; false when the pool no longer wants it (stopping). */
	private final Predicate<PooledClient> onStarted;

	private final ScheduledExecutorService executor;

	private volatile String lastFailure;

	ClientStarter(Upstream config, ClientFactory factory, Predicate<PooledClient> onStarted) {
		this.config = config;
		this.factory = factory;
		this.onStarted = onStarted;
		this.executor = Executors.newScheduledThreadPool(Math.min(config.poolSize(), 4), runnable -> {
			Thread thread = new Thread(runnable, "mcp-pool-" + config.name());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Completes after the first attempt, successful or not (retries go on in the background). */
	CompletableFuture<Void> start(int slot) {
		return CompletableFuture.runAsync(() -> attempt(slot, RETRY_DELAY_MIN), executor);
	}

	/** Closes a dead client and starts its successor. */
	void replace(PooledClient dead) {
		schedule(() -> {
			dead.close(ClientFactory.CLOSE_GRACE);
			attempt(dead.slot(), RETRY_DELAY_MIN);
		}, Duration.ZERO);
	}

	/** Why the last attempt failed; null once an attempt succeeds. */
	String lastFailure() {
		return lastFailure;
	}

	/** Interrupts starts in progress (each cleans up its own child) and waits for them. */
	void stop() {
		executor.shutdownNow();
		try {
			executor.awaitTermination(ClientFactory.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void attempt(int slot, Duration retryDelay) {
		if (executor.isShutdown()) {
			return;
		}
		PooledClient client;
		try {
			client = factory.start(config, slot);
		}
		catch (UpstreamUnavailableException ex) {
			lastFailure = ex.getMessage();
			if (!executor.isShutdown()) {
				log.warn("{}; retrying in {} ms", ex.getMessage(), retryDelay.toMillis());
				Duration next = retryDelay.multipliedBy(2);
				schedule(() -> attempt(slot, next.compareTo(RETRY_DELAY_MAX) > 0 ? RETRY_DELAY_MAX : next),
						retryDelay);
			}
			return;
		}
		lastFailure = null;
		if (!onStarted.test(client)) {
			client.close(ClientFactory.CLOSE_GRACE);
		}
	}

	private void schedule(Runnable task, Duration delay) {
		try {
			executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopping: nothing is to be (re)started any more.
		}
	}
}
