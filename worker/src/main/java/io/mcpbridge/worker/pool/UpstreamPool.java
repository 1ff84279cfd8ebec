package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.stdio.CallListener;
import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initialized processes of one upstream ({@link PoolMembers}), sized by
 * {@link PoolSizing}. A call borrows a process with room, waiting at most until the
 * request's deadline, and gives it back afterwards; each process is initialized once and
 * runs up to {@code max-concurrent-per-process} calls at once (a call that needs its
 * process alone, see {@link CallListener#needsOwnProcess()}, takes an idle one and keeps
 * others off it). A call that finds no room asks for one more process. {@link PoolUpkeep}
 * runs {@link #upkeep} on a timer: it stops processes idle past the idle timeout and
 * pings those idle past the health-check interval; a process one of whose calls timed out
 * is pinged before it gets another call. A process that dies or fails its ping is stopped
 * and replaced, with the start backoff of {@link ClientStarter}; the calls in flight on
 * it fail (each then follows the retry rule of its tool). Every state change happens
 * under one lock; nothing slow (starting, pinging, stopping a process) runs under it.
 */
final class UpstreamPool implements ClientStarter.Outcome {

	private static final Logger log = LoggerFactory.getLogger(UpstreamPool.class);

	/**
	 * At shutdown, how long running calls may go on before their processes are stopped
	 * under them.
	 */
	static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(10);

	private final Upstream config;

	private final Pool settings;

	private final PoolSizing sizing;

	private final ClientStarter starter;

	private final ProcessCloser closer;

	private final PoolUpkeep upkeep;

	private final PoolCounters counters = new PoolCounters();

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Signalled when a process becomes idle, a start ends, a call ends, or the pool
	 * stops.
	 */
	private final Condition changed = lock.newCondition();

	// Guarded by lock.
	private final PoolMembers members;

	private int desired;

	private int waiting;

	/** Of the waiting calls, those that must run alone on their process. */
	private int waitingAlone;

	private boolean stopped;

	private volatile JsonNode initializeResult;

	UpstreamPool(Upstream config, ClientFactory factory) {
		this.config = config;
		this.settings = config.pool();
		this.sizing = new PoolSizing(settings);
		this.starter = new ClientStarter(config, factory, this);
		this.closer = new ProcessCloser(config.name());
		this.upkeep = new PoolUpkeep(this, config.name(), settings);
		this.desired = sizing.initial();
		this.members = new PoolMembers(settings.maxConcurrentPerProcess());
	}

	/**
	 * Starts the initial processes in parallel; returns when each has started or failed
	 * once.
	 */
	void start() {
		lock.lock();
		try {
			launchMissing();
			awaitUntil(() -> starter.inFlight() == 0, config.startTimeout().plusSeconds(5));
		}
		finally {
			lock.unlock();
		}
		upkeep.start();
	}

	/**
	 * Launches the initial processes and the upkeep timer, and returns at once: calls
	 * wait for a process within their own deadlines (a tenant pool, made by a call).
	 */
	void startInBackground() {
		lock.lock();
		try {
			launchMissing();
		}
		finally {
			lock.unlock();
		}
		upkeep.start();
	}

	/**
	 * Borrows a process until {@code deadline}, then calls it for min(call-timeout, time
	 * left).
	 */
	JsonNode execute(Instant deadline, String method, JsonNode params, CallListener listener) {
		PooledClient client = borrow(deadline, listener != null && listener.needsOwnProcess());
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
		return settings.concurrency();
	}

	Optional<JsonNode> initializeResult() {
		return Optional.ofNullable(initializeResult);
	}

	PoolStatus status() {
		lock.lock();
		try {
			int live = members.live();
			int starting = starter.inFlight();
			return new PoolStatus(config.name(), settings.min(), settings.target(), settings.max(),
					settings.autoScale(), desired, live, starting, members.idle(), members.busy(), members.checking(),
					closer.closingUnhealthy(), Math.max(0, desired - live - starting), waiting, counters.restarts(),
					counters.calls(), counters.errors(), Math.round(counters.meanCallMillis() * 10) / 10.0,
					members.pids(), members.busyPids(), starter.lastFailure(), starter.consecutiveFailures(),
					settings.maxConcurrentPerProcess(), members.inFlight());
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Stops intake (waiting and new calls fail with UPSTREAM_UNAVAILABLE), lets running
	 * calls finish for up to {@link #IN_FLIGHT_GRACE}, then stops every process in
	 * parallel (stdin closed, SIGTERM, SIGKILL) and waits for them; starts in progress
	 * are interrupted and clean up after themselves.
	 */
	void stop() {
		List<PooledClient> closing;
		lock.lock();
		try {
			stopped = true;
			changed.signalAll();
			awaitUntil(() -> members.inFlight() == 0, IN_FLIGHT_GRACE);
			closing = members.removeAll();
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
			members.addIdle(client, System.nanoTime());
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
			// Waiting calls re-check: with no process running they fail fast instead of
			// waiting.
			changed.signalAll();
			if (!stopped) {
				upkeep.runAfter(starter.untilNextAttempt());
			}
		}
		finally {
			lock.unlock();
		}
	}

	/** One round of upkeep, on the upkeep timer. */
	void upkeep(long nowNanos) {
		List<PooledClient> toPing;
		lock.lock();
		try {
			if (stopped) {
				return;
			}
			members.removeDeadIdle().forEach(dead -> replace(dead, "died while idle"));
			retireExpired(nowNanos);
			trimSurplus(nowNanos);
			toPing = members.startChecks(nowNanos, settings.healthCheckInterval());
			launchMissing();
		}
		finally {
			lock.unlock();
		}
		toPing.forEach(this::check);
	}

	/**
	 * Pings a process already moved to checking; never blocks (the ping is only queued).
	 */
	private void check(PooledClient client) {
		client.ping(settings.healthCheckTimeout()).thenAccept(answered -> checked(client, answered));
	}

	private void checked(PooledClient client, boolean answered) {
		lock.lock();
		try {
			if (!members.endCheck(client)) {
				return; // the pool stopped meanwhile and closes it
			}
			if (answered && client.isAlive()) {
				members.addChecked(client, System.nanoTime());
				changed.signalAll();
			}
			else {
				replace(client, "failed its health check");
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Stops the least recently used processes idle past the idle timeout, never going
	 * below min.
	 */
	private void retireExpired(long nowNanos) {
		int retire = sizing.retirable(members.live(), members.expiredIdle(nowNanos, settings.idleTimeout()));
		if (retire == 0) {
			return;
		}
		desired = sizing.afterRetiring(desired, retire);
		List<PooledClient> retired = members.takeExpired(retire, nowNanos, settings.idleTimeout());
		log.info("upstream {}: stopping {} process(es) idle for over {} s; {} left", config.name(), retired.size(),
				settings.idleTimeout().toSeconds(), members.live());
		retired.forEach(closer::closeIdle);
	}

	/**
	 * Stops idle processes beyond the desired size. Only a race makes them: a start that
	 * ends just as another is launched for the same gap. A fixed pool has no idle timeout
	 * to clean them up.
	 */
	private void trimSurplus(long nowNanos) {
		int surplus = Math.min(members.live() - desired, members.idle());
		if (surplus > 0) {
			List<PooledClient> extra = members.takeExpired(surplus, nowNanos, Duration.ZERO);
			log.info("upstream {}: stopping {} process(es) beyond the desired {}", config.name(), extra.size(),
					desired);
			extra.forEach(closer::closeIdle);
		}
	}

	private PooledClient borrow(Instant deadline, boolean exclusive) {
		long startedNanos = System.nanoTime();
		long deadlineNanos = startedNanos + Duration.between(Instant.now(), deadline).toNanos();
		long growAfterNanos = config.pool().growAfter().toNanos();
		lock.lock();
		try {
			waiting++;
			if (exclusive) {
				waitingAlone++;
			}
			while (true) {
				if (stopped) {
					throw new UpstreamUnavailableException(config.name(), "the worker is shutting down");
				}
				PooledClient client = members.takeForCall(exclusive);
				if (client != null) {
					if (client.isAlive()) {
						return client;
					}
					// Its calls in flight, if any, fail by themselves: the channel
					// closed.
					members.remove(client);
					replace(client, "died");
					continue;
				}
				if (exclusive) {
					members.drainOneForExclusive();
				}
				String failure = starter.lastFailure();
				if (members.live() == 0 && failure != null) {
					// Nothing runs and the last start failed: waiting out the deadline
					// would not help.
					throw new UpstreamUnavailableException(config.name(), failure);
				}
				long waited = System.nanoTime() - startedNanos;
				if (waited >= growAfterNanos) {
					// Waited long enough that one more process is worth its start-up
					// cost.
					desired = sizing.grow(desired, members.live(), members.busy(), waiting, counters.meanCallMillis());
				}
				launchMissing();
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					throw nothingFreeBy(deadline);
				}
				long untilGrow = growAfterNanos - waited;
				changed.awaitNanos(untilGrow > 0 ? Math.min(left, untilGrow) : left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException(config.name(), "interrupted while waiting for a process");
		}
		finally {
			waiting--;
			if (exclusive && --waitingAlone == 0) {
				members.stopDraining();
			}
			lock.unlock();
		}
	}

	private RuntimeException nothingFreeBy(Instant deadline) {
		Duration waited = Duration.between(Instant.now(), deadline).abs();
		if (members.live() == 0) {
			return new ProcessesStartingException(config.name(), starter.inFlight());
		}
		// Processes run but none came free before the deadline: the call never started.
		return new NoIdleClientException(config.name(), waited, members.live(), desired);
	}

	private void release(PooledClient client) {
		boolean unproven = false;
		lock.lock();
		try {
			boolean member = members.endCall(client, System.nanoTime());
			changed.signalAll();
			if (!member) {
				return; // replaced, retired or taken by stop() meanwhile: closed by
						// whoever took it
			}
			if (stopped) {
				if (client.inFlight() == 0) {
					members.remove(client);
					closer.closeIdle(client);
				}
			}
			else if (!client.isAlive()) {
				// The first of its calls to fail replaces it; the others find it gone.
				members.remove(client);
				replace(client, client.inFlight() > 0 ? "died with " + client.inFlight() + " more call(s) in flight"
						: "died during a call");
			}
			else if (client.lastCallUnanswered()) {
				// A frozen process would time out every call it gets until its next
				// scheduled check.
				unproven = members.startCheck(client);
			}
		}
		finally {
			lock.unlock();
		}
		if (unproven) {
			check(client);
		}
	}

	/**
	 * A process that died or failed its check: stopped in the background, its successor
	 * started.
	 */
	private void replace(PooledClient client, String why) {
		log.warn("upstream {}#{} (pid {}) {}: replacing it", config.name(), client.slot(), client.pid(), why);
		counters.processReplaced();
		closer.closeUnhealthy(client);
		launchMissing();
	}

	/**
	 * Starts what the pool lacks to reach its desired size; the starter applies its
	 * backoff.
	 */
	private void launchMissing() {
		int missing = desired - members.live() - starter.inFlight();
		if (missing > 0 && starter.launch(missing) < missing) {
			upkeep.runAfter(starter.untilNextAttempt());
		}
	}

	/**
	 * Waits, with the lock held, until {@code done} holds or {@code bound} has passed.
	 */
	private void awaitUntil(java.util.function.BooleanSupplier done, Duration bound) {
		long left = bound.toNanos();
		try {
			while (!done.getAsBoolean() && left > 0) {
				left = changed.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
