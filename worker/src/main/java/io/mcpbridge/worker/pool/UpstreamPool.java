package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.stdio.CallListener;
import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initialized processes of one upstream, sized by {@link PoolSizing}. A call borrows an idle
 * process (the most recently used, so that surplus processes stay idle and time out), waiting at
 * most until the request's deadline, and gives it back afterwards; each process is initialized once
 * and serves one call at a time. {@link PoolUpkeep} runs on a timer: it stops processes idle past the
 * idle timeout and pings those idle past the health-check interval. A process that dies, or fails
 * its ping, is stopped and replaced (with the start backoff of {@link ClientStarter}). Every state
 * change happens under one lock; nothing slow (starting, pinging, stopping a process) runs under it.
 */
final class UpstreamPool implements ClientStarter.Outcome {

	private static final Logger log = LoggerFactory.getLogger(UpstreamPool.class);

	/** At shutdown, how long running calls may go on before their processes are stopped under them. */
	static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(10);

	private final Upstream config;

	private final PoolSizing sizing;

	private final ClientStarter starter;

	private final ProcessCloser closer;

	private final PoolUpkeep upkeep;

	private final PoolCounters counters = new PoolCounters();

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a process becomes idle, a start fails, or the pool stops. */
	private final Condition changed = lock.newCondition();

	// Guarded by lock. Front of idle = most recently used.
	private final Deque<PooledClient> idle = new ArrayDeque<>();

	private final Set<PooledClient> busy = new HashSet<>();

	private final Set<PooledClient> checking = new HashSet<>();

	private int desired;

	private int waiting;

	private boolean stopped;

	private volatile JsonNode initializeResult;

	UpstreamPool(Upstream config, ClientFactory factory) {
		this.config = config;
		this.sizing = new PoolSizing(config.pool());
		this.starter = new ClientStarter(config, factory, this);
		this.closer = new ProcessCloser(config.name());
		this.upkeep = new PoolUpkeep(this, config.name(), config.pool());
		this.desired = sizing.initial();
	}

	/** Starts the initial processes in parallel; returns when each has started or failed once. */
	void start() {
		lock.lock();
		try {
			launchMissing();
			long left = ClientFactory.START_TIMEOUT.plusSeconds(5).toNanos();
			while (starter.inFlight() > 0 && left > 0) {
				left = changed.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			lock.unlock();
		}
		upkeep.start();
	}

	/** Borrows a process until {@code deadline}, then calls it for min(call-timeout, time left). */
	JsonNode execute(Instant deadline, String method, JsonNode params, CallListener listener) {
		PooledClient client = borrow(deadline);
		counters.callStarted();
		long started = System.nanoTime();
		try {
			Duration left = Duration.between(Instant.now(), deadline);
			Duration budget = left.compareTo(config.callTimeout()) < 0 ? left : config.callTimeout();
			if (budget.isNegative() || budget.isZero()) {
				throw new CallTimeoutException(config.name(), Duration.ZERO);
			}
			return client.call(method, params, listener, budget);
		}
		catch (RuntimeException ex) {
			counters.callFailed();
			throw ex;
		}
		finally {
			counters.callTook(System.nanoTime() - started);
			release(client);
		}
	}

	/** How many calls may use the pool at once. */
	int concurrency() {
		return config.pool().concurrency();
	}

	Optional<JsonNode> initializeResult() {
		return Optional.ofNullable(initializeResult);
	}

	PoolStatus status() {
		lock.lock();
		try {
			Pool pool = config.pool();
			int live = live();
			int starting = starter.inFlight();
			List<Long> pids = Stream.of(idle, busy, checking)
				.flatMap(clients -> clients.stream())
				.map(PooledClient::pid)
				.sorted()
				.toList();
			return new PoolStatus(config.name(), pool.min(), pool.target(), pool.max(), pool.autoScale(), desired, live,
					starting, idle.size(), busy.size(), checking.size(), closer.closingUnhealthy(),
					Math.max(0, desired - live - starting), waiting, counters.restarts(), counters.calls(),
					counters.errors(), Math.round(counters.meanCallMillis() * 10) / 10.0, pids, starter.lastFailure(),
					starter.consecutiveFailures());
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Stops intake (waiting and new calls fail with UPSTREAM_UNAVAILABLE), lets running calls finish
	 * for up to {@link #IN_FLIGHT_GRACE}, then stops every process in parallel (stdin closed, SIGTERM,
	 * SIGKILL) and waits for them.
	 */
	void stop() {
		List<PooledClient> closing = new ArrayList<>();
		lock.lock();
		try {
			stopped = true;
			changed.signalAll();
			long left = IN_FLIGHT_GRACE.toNanos();
			while (!busy.isEmpty() && left > 0) {
				left = changed.awaitNanos(left);
			}
			closing.addAll(idle);
			closing.addAll(busy);
			closing.addAll(checking);
			idle.clear();
			busy.clear();
			checking.clear();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			lock.unlock();
		}
		upkeep.stop();
		starter.stop();
		closer.closeAll(closing);
	}

	@Override
	public boolean started(PooledClient client) {
		lock.lock();
		try {
			if (stopped) {
				return false;
			}
			initializeResult = client.initializeResult();
			client.markIdle(System.nanoTime());
			idle.addFirst(client);
			changed.signalAll();
			return true;
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void failed() {
		lock.lock();
		try {
			// Waiting calls re-check: with no process running they fail fast instead of waiting.
			changed.signalAll();
			if (!stopped) {
				upkeep.runAfter(starter.untilNextAttempt());
			}
		}
		finally {
			lock.unlock();
		}
	}

	/** One upkeep round, on the upkeep timer: see {@link PoolUpkeep}. */
	void upkeep(long nowNanos) {
		List<PooledClient> toPing = new ArrayList<>();
		lock.lock();
		try {
			if (stopped) {
				return;
			}
			idle.removeIf(client -> {
				if (client.isAlive()) {
					return false;
				}
				replace(client, "died while idle");
				return true;
			});
			retireExpired(nowNanos);
			for (Iterator<PooledClient> it = idle.iterator(); it.hasNext();) {
				PooledClient client = it.next();
				if (client.dueForHealthCheck(nowNanos, config.pool().healthCheckInterval())) {
					it.remove();
					checking.add(client);
					toPing.add(client);
				}
			}
			launchMissing();
		}
		finally {
			lock.unlock();
		}
		toPing.forEach(client -> client.ping(config.pool().healthCheckTimeout())
			.thenAccept(answered -> checked(client, answered)));
	}

	private void checked(PooledClient client, boolean answered) {
		lock.lock();
		try {
			if (!checking.remove(client)) {
				return; // the pool stopped meanwhile and closes it
			}
			if (answered && client.isAlive()) {
				client.markHealthy(System.nanoTime());
				// At the back: being checked is not being used, it keeps its place for the idle timeout.
				idle.addLast(client);
				changed.signal();
			}
			else {
				replace(client, "failed its health check");
			}
		}
		finally {
			lock.unlock();
		}
	}

	/** Stops the least recently used processes idle past the idle timeout, never going below min. */
	private void retireExpired(long nowNanos) {
		long timeout = config.pool().idleTimeout().toNanos();
		int expired = (int) idle.stream().filter(client -> client.idleNanos(nowNanos) >= timeout).count();
		int retire = sizing.retirable(live(), expired);
		if (retire == 0) {
			return;
		}
		desired = sizing.afterRetiring(desired, retire);
		List<PooledClient> retired = new ArrayList<>();
		for (Iterator<PooledClient> it = idle.descendingIterator(); it.hasNext() && retired.size() < retire;) {
			PooledClient client = it.next();
			if (client.idleNanos(nowNanos) >= timeout) {
				it.remove();
				retired.add(client);
			}
		}
		log.info("upstream {}: stopping {} process(es) idle for over {} s; {} left", config.name(), retired.size(),
				config.pool().idleTimeout().toSeconds(), live());
		retired.forEach(closer::closeIdle);
	}

	private PooledClient borrow(Instant deadline) {
		long deadlineNanos = System.nanoTime() + Duration.between(Instant.now(), deadline).toNanos();
		lock.lock();
		try {
			waiting++;
			while (true) {
				if (stopped) {
					throw new UpstreamUnavailableException(config.name(), "the worker is shutting down");
				}
				PooledClient client = idle.pollFirst();
				if (client != null) {
					if (client.isAlive()) {
						busy.add(client);
						return client;
					}
					replace(client, "died while idle");
					continue;
				}
				String failure = starter.lastFailure();
				if (live() == 0 && failure != null) {
					// Nothing runs and the last start failed: waiting out the deadline would not help.
					throw new UpstreamUnavailableException(config.name(), failure);
				}
				desired = sizing.grow(desired, live(), busy.size(), waiting, counters.meanCallMillis());
				launchMissing();
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					throw nothingFreeBy(deadline);
				}
				changed.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException(config.name(), "interrupted while waiting for a process");
		}
		finally {
			waiting--;
			lock.unlock();
		}
	}

	private RuntimeException nothingFreeBy(Instant deadline) {
		Duration waited = Duration.between(Instant.now(), deadline).abs();
		if (live() == 0) {
			return new UpstreamUnavailableException(config.name(), "no process running in time ("
					+ starter.inFlight() + " starting)");
		}
		// Processes run but none came free before the deadline: the call never started.
		return new NoIdleClientException(config.name(), waited, live(), desired);
	}

	private void release(PooledClient client) {
		lock.lock();
		try {
			busy.remove(client);
			if (stopped) {
				changed.signalAll();
				closer.closeIdle(client);
			}
			else if (client.isAlive()) {
				client.markIdle(System.nanoTime());
				idle.addFirst(client);
				changed.signal();
			}
			else {
				replace(client, "died during a call");
			}
		}
		finally {
			lock.unlock();
		}
	}

	/** A process that died or failed its check: stopped in the background, its successor started. */
	private void replace(PooledClient client, String why) {
		log.warn("upstream {}#{} (pid {}) {}: replacing it", config.name(), client.slot(), client.pid(), why);
		counters.processReplaced();
		closer.closeUnhealthy(client);
		launchMissing();
	}

	/** Starts what the pool lacks to reach its desired size; the starter applies its backoff. */
	private void launchMissing() {
		int missing = desired - live() - starter.inFlight();
		if (missing > 0 && starter.launch(missing) < missing) {
			upkeep.runAfter(starter.untilNextAttempt());
		}
	}

	private int live() {
		return idle.size() + busy.size() + checking.size();
	}
}
