package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.stdio.CallListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The pools of tenants whose {@code upstream-env} gives an upstream variables of their
 * own: one {@link UpstreamPool} per (tenant, upstream), made on the tenant's first call,
 * under the budget of {@link TenantPoolLru}. A pool leaves when its tenant's variables
 * change, when another needs its room and it is the least recently used idle one, or when
 * it has been idle for its upstream's {@code idle-timeout}; leaving pools are stopped in
 * the background and their room is free once they have. Logs name the tenant and the
 * upstream, never a variable's value.
 */
final class TenantPools {

	private static final Logger log = LoggerFactory.getLogger(TenantPools.class);

	/** How often pools idle past their idle timeout are looked for. */
	private static final Duration EXPIRY_TICK = Duration.ofSeconds(1);

	private final ClientFactory factory;

	private final int poolMax;

	private final Duration roomWait;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a call leaves a pool and when a leaving pool has stopped. */
	private final Condition roomChanged = lock.newCondition();

	// Guarded by lock.
	private final TenantPoolLru<UpstreamPool> lru;

	private final ExecutorService stopper = Executors.newCachedThreadPool(daemon("mcp-tenant-pool-stop"));

	private final ScheduledExecutorService expiry = Executors
		.newSingleThreadScheduledExecutor(daemon("mcp-tenant-pool-expiry"));

	private final Map<String, Duration> idleTimeouts;

	TenantPools(ClientFactory factory, int capacity, int poolMax, Duration roomWait,
			Map<String, Duration> idleTimeouts) {
		this.factory = factory;
		this.poolMax = poolMax;
		this.roomWait = roomWait;
		this.lru = new TenantPoolLru<>(capacity);
		this.idleTimeouts = Map.copyOf(idleTimeouts);
		expiry.scheduleWithFixedDelay(this::expireIdle, EXPIRY_TICK.toMillis(), EXPIRY_TICK.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Runs the call on the tenant's own pool of {@code upstream}, with {@code env} added
	 * to the upstream's variables.
	 * @throws TenantPoolsFullException no room for the pool within the wait allowed
	 */
	JsonNode execute(String tenant, Upstream upstream, Map<String, String> env, Instant deadline, String method,
			JsonNode params, CallListener listener) {
		TenantPoolLru.Slot<UpstreamPool> slot = claim(new TenantPoolLru.Key(tenant, upstream.name()), upstream, env,
				deadline);
		try {
			return slot.pool().execute(deadline, method, params, listener);
		}
		finally {
			lock.lock();
			try {
				lru.release(slot, System.nanoTime());
				roomChanged.signalAll();
			}
			finally {
				lock.unlock();
			}
		}
	}

	/** How many tenant pools exist, and the processes they reserve. */
	TenantPoolsStatus status() {
		lock.lock();
		try {
			return new TenantPoolsStatus(lru.pools(), lru.busyPools(), lru.reserved(), lru.capacity(), lru.evictions());
		}
		finally {
			lock.unlock();
		}
	}

	/** Stops every tenant pool and waits for them. */
	void stop() {
		expiry.shutdownNow();
		List<TenantPoolLru.Slot<UpstreamPool>> leaving;
		lock.lock();
		try {
			leaving = lru.clear();
		}
		finally {
			lock.unlock();
		}
		leaving.parallelStream().forEach(slot -> slot.pool().stop());
		stopper.shutdown();
	}

	private TenantPoolLru.Slot<UpstreamPool> claim(TenantPoolLru.Key key, Upstream upstream, Map<String, String> env,
			Instant deadline) {
		long startedNanos = System.nanoTime();
		Duration untilDeadline = Duration.between(Instant.now(), deadline);
		long waitNanos = Math.min(roomWait.toNanos(), Math.max(0, untilDeadline.toNanos()));
		lock.lock();
		try {
			while (true) {
				TenantPoolLru.Claim<UpstreamPool> claim = lru.claim(key, env, poolMax, System.nanoTime(),
						() -> new UpstreamPool(upstream.forTenant(env, upstream.pool().forTenant(poolMax)), factory));
				claim.leaving().forEach(this::stopInBackground);
				if (claim.slot() != null) {
					if (claim.created()) {
						log.info("tenant {}: own pool of upstream {} started ({} of {} processes reserved)",
								key.tenant(), key.upstream(), lru.reserved(), lru.capacity());
						claim.slot().pool().startInBackground();
					}
					return claim.slot();
				}
				long left = waitNanos - (System.nanoTime() - startedNanos);
				if (left <= 0) {
					throw new TenantPoolsFullException(upstream.name(),
							Duration.ofNanos(System.nanoTime() - startedNanos), lru.capacity());
				}
				roomChanged.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException(upstream.name(), "interrupted while waiting for room");
		}
		finally {
			lock.unlock();
		}
	}

	private void expireIdle() {
		try {
			long now = System.nanoTime();
			lock.lock();
			try {
				lru.expire(now, upstream -> idleTimeouts.getOrDefault(upstream, Duration.ofMinutes(5)).toNanos())
					.forEach(this::stopInBackground);
			}
			finally {
				lock.unlock();
			}
		}
		catch (RuntimeException bug) {
			// The timer must go on: scheduleWithFixedDelay stops on an exception.
			log.error("tenant pool expiry failed", bug);
		}
	}

	/**
	 * Stops a pool that left, off the lock, then frees its room. Called with the lock
	 * held.
	 */
	private void stopInBackground(TenantPoolLru.Slot<UpstreamPool> slot) {
		log.info("tenant {}: own pool of upstream {} stopping", slot.key().tenant(), slot.key().upstream());
		Runnable stop = () -> {
			try {
				slot.pool().stop();
			}
			finally {
				lock.lock();
				try {
					lru.stopped(slot);
					roomChanged.signalAll();
				}
				finally {
					lock.unlock();
				}
			}
		};
		try {
			stopper.execute(stop);
		}
		catch (RejectedExecutionException stopping) {
			slot.pool().stop();
		}
	}

	private static ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
