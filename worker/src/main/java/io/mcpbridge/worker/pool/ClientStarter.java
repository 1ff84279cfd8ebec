package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the processes of one pool off the callers' threads, at most
 * {@value #PARALLEL_STARTS} at a time (each start of a JVM or node process costs a core
 * for a while). After a failed start the next attempt waits 1 s, then 2, 4... up to 30 s,
 * and while starts fail only one attempt runs at a time, so a broken command is neither
 * restarted in a loop nor started {@code max} times at once. A successful start ends the
 * backoff.
 */
final class ClientStarter {

	/** What the pool does with the outcome of a start. */
	interface Outcome {

		/**
		 * @return false when the pool no longer wants the client (stopping): it is closed
		 */
		boolean started(PooledClient client);

		void failed();

	}

	static final Duration RETRY_DELAY_MIN = Duration.ofSeconds(1);

	static final Duration RETRY_DELAY_MAX = Duration.ofSeconds(30);

	private static final int PARALLEL_STARTS = 4;

	private static final Logger log = LoggerFactory.getLogger(ClientStarter.class);

	private final Upstream config;

	private final ClientFactory factory;

	private final Outcome outcome;

	private final ExecutorService executor;

	private final AtomicInteger slots = new AtomicInteger();

	// Guarded by this.
	private int inFlight;

	private int consecutiveFailures;

	private Duration retryDelay = Duration.ZERO;

	private long nextAttemptNanos;

	private long lastFailureNanos;

	private String lastFailure;

	ClientStarter(Upstream config, ClientFactory factory, Outcome outcome) {
		this.config = config;
		this.factory = factory;
		this.outcome = outcome;
		int threads = Math.min(config.pool().concurrency(), PARALLEL_STARTS);
		// The queue holds at most the processes the pool is missing, which is bounded by
		// its max.
		this.executor = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
				runnable -> {
					Thread thread = new Thread(runnable, "mcp-start-" + config.name());
					thread.setDaemon(true);
					return thread;
				});
	}

	/**
	 * Starts up to {@code wanted} processes, fewer (or none) while backing off.
	 * @return how many starts were launched
	 */
	synchronized int launch(int wanted) {
		if (wanted <= 0 || executor.isShutdown()) {
			return 0;
		}
		int allowed = wanted;
		if (consecutiveFailures > 0) {
			// Backing off: one probe once the delay is over.
			allowed = inFlight == 0 && System.nanoTime() - nextAttemptNanos >= 0 ? 1 : 0;
		}
		for (int i = 0; i < allowed; i++) {
			try {
				executor.execute(this::attempt);
				inFlight++;
			}
			catch (RejectedExecutionException ex) {
				return i; // stopping
			}
		}
		return allowed;
	}

	/** Starts launched and not finished yet. */
	synchronized int inFlight() {
		return inFlight;
	}

	/** Why the last start failed; null once a start succeeds. */
	synchronized String lastFailure() {
		return lastFailure;
	}

	synchronized int consecutiveFailures() {
		return consecutiveFailures;
	}

	/** How long until the backoff allows the next attempt; zero when not backing off. */
	synchronized Duration untilNextAttempt() {
		if (consecutiveFailures == 0) {
			return Duration.ZERO;
		}
		return Duration.ofNanos(Math.max(0, nextAttemptNanos - System.nanoTime()));
	}

	/**
	 * Interrupts starts in progress (each cleans up its own child) and waits for them.
	 */
	void stop() {
		executor.shutdownNow();
		try {
			executor.awaitTermination(config.startTimeout().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void attempt() {
		long launchedNanos = System.nanoTime();
		PooledClient client = null;
		try {
			client = factory.start(config, slots.getAndIncrement());
		}
		catch (RuntimeException ex) { // UpstreamUnavailableException, or a bug that must
										// not leak inFlight
			failed(ex.getMessage(), launchedNanos);
			outcome.failed();
			return;
		}
		synchronized (this) {
			inFlight--;
			consecutiveFailures = 0;
			retryDelay = Duration.ZERO;
			lastFailure = null;
		}
		if (!outcome.started(client)) {
			client.close(ClientFactory.CLOSE_GRACE);
		}
	}

	private synchronized void failed(String reason, long launchedNanos) {
		inFlight--;
		consecutiveFailures++;
		lastFailure = reason;
		// Attempts that ran side by side (the first ones of a pool) share one step of the
		// backoff.
		boolean sameRound = consecutiveFailures > 1 && launchedNanos - lastFailureNanos < 0;
		if (!sameRound) {
			retryDelay = retryDelay.isZero() ? RETRY_DELAY_MIN : min(retryDelay.multipliedBy(2), RETRY_DELAY_MAX);
		}
		lastFailureNanos = System.nanoTime();
		nextAttemptNanos = lastFailureNanos + retryDelay.toNanos();
		if (!executor.isShutdown()) {
			log.warn("{}; next attempt in {} ms ({} failed in a row)", reason, retryDelay.toMillis(),
					consecutiveFailures);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

}
