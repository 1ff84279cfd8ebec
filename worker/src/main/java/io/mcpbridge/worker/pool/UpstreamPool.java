package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.stdio.CallListener;
import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of initialized clients of one upstream. A call borrows an idle client (waiting at
 * most until the request's deadline) and gives it back afterwards; a client whose process died is
 * closed and replaced in the background.
 */
final class UpstreamPool {

	private static final Logger log = LoggerFactory.getLogger(UpstreamPool.class);

	private final Upstream config;

	private final BlockingQueue<PooledClient> idle;

	private final Set<PooledClient> live = ConcurrentHashMap.newKeySet();

	private final ClientStarter starter;

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	/** Guards {@code stopped} against clients joining {@code live} while stop() empties it. */
	private final Object lifecycle = new Object();

	private volatile boolean stopped;

	private volatile JsonNode initializeResult;

	UpstreamPool(Upstream config, ClientFactory factory) {
		this.config = config;
		this.idle = new ArrayBlockingQueue<>(config.poolSize());
		this.starter = new ClientStarter(config, factory, this::accept);
	}

	/** Starts every process once, in parallel; returns when each has started or failed once. */
	void start() {
		CompletableFuture.allOf(IntStream.range(0, config.poolSize())
			.mapToObj(starter::start)
			.toArray(CompletableFuture[]::new)).join();
	}

	/** Borrows a client until {@code deadline}, then calls it for min(call-timeout, time left). */
	JsonNode execute(Instant deadline, String method, JsonNode params, CallListener listener) {
		PooledClient client = borrow(Duration.between(Instant.now(), deadline));
		calls.incrementAndGet();
		try {
			Duration left = Duration.between(Instant.now(), deadline);
			Duration budget = left.compareTo(config.callTimeout()) < 0 ? left : config.callTimeout();
			if (budget.isNegative() || budget.isZero()) {
				throw new CallTimeoutException(config.name(), Duration.ZERO);
			}
			return client.call(method, params, listener, budget);
		}
		catch (RuntimeException ex) {
			errors.incrementAndGet();
			throw ex;
		}
		finally {
			release(client);
		}
	}

	int size() {
		return config.poolSize();
	}

	Optional<JsonNode> initializeResult() {
		return Optional.ofNullable(initializeResult);
	}

	PoolStatus status() {
		List<Long> pids = live.stream().map(PooledClient::pid).sorted().toList();
		return new PoolStatus(config.name(), config.poolSize(), live.size(), idle.size(), calls.get(), errors.get(),
				pids, starter.lastFailure());
	}

	/** Stops restarts, then closes every client in parallel (SIGTERM, SIGKILL after the grace). */
	void stop() {
		List<PooledClient> closing;
		synchronized (lifecycle) {
			stopped = true;
			closing = List.copyOf(live);
			live.clear();
			idle.clear();
		}
		starter.stop();
		CompletableFuture.allOf(closing.stream()
			.map(client -> CompletableFuture.runAsync(() -> client.close(ClientFactory.CLOSE_GRACE)))
			.toArray(CompletableFuture[]::new)).join();
	}

	private boolean accept(PooledClient client) {
		synchronized (lifecycle) {
			if (stopped) {
				return false;
			}
			live.add(client);
			initializeResult = client.initializeResult();
			idle.offer(client);
			return true;
		}
	}

	private PooledClient borrow(Duration budget) {
		long deadline = System.nanoTime() + budget.toNanos();
		while (true) {
			if (stopped) {
				throw new UpstreamUnavailableException(config.name(), "the worker is shutting down");
			}
			String failure = starter.lastFailure();
			if (live.isEmpty() && failure != null) {
				// Nothing runs and the last start failed: waiting out the deadline would not help.
				throw new UpstreamUnavailableException(config.name(), failure);
			}
			PooledClient client;
			try {
				client = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new UpstreamUnavailableException(config.name(), "interrupted while waiting for a process");
			}
			if (client == null) {
				if (live.isEmpty()) {
					throw new UpstreamUnavailableException(config.name(), "no process running within "
							+ budget.toMillis() + " ms");
				}
				// Processes run but none came free before the deadline: the call never started.
				throw new NoIdleClientException(config.name(), budget, live.size(), config.poolSize());
			}
			if (client.isAlive()) {
				return client;
			}
			discard(client);
		}
	}

	private void release(PooledClient client) {
		if (client.isAlive() && !stopped) {
			idle.offer(client);
		}
		else {
			discard(client);
		}
	}

	private void discard(PooledClient client) {
		boolean wasLive;
		synchronized (lifecycle) {
			wasLive = live.remove(client);
		}
		if (wasLive && !stopped) {
			log.warn("upstream {}#{}: process gone, replacing it", config.name(), client.slot());
			starter.replace(client);
		}
		else {
			client.close(ClientFactory.CLOSE_GRACE);
		}
	}
}
