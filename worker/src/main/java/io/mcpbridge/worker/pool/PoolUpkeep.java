package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.worker.config.WorkerProperties.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer of one pool: one thread that runs {@link UpstreamPool#upkeep} every tick (a
 * quarter of the shorter of idle timeout and health-check interval, between 50 ms and 1
 * s), so that idle processes are stopped, health-checked and replaced, and, after a
 * failed start, once more when the start backoff ends.
 */
final class PoolUpkeep {

	private static final Logger log = LoggerFactory.getLogger(PoolUpkeep.class);

	private static final Duration TICK_MIN = Duration.ofMillis(50);

	private static final Duration TICK_MAX = Duration.ofSeconds(1);

	private final UpstreamPool pool;

	private final Duration tick;

	private final ScheduledExecutorService timer;

	/**
	 * At most one extra run is pending: the backoff only grows, so an earlier one is
	 * never late.
	 */
	private ScheduledFuture<?> extraRun;

	PoolUpkeep(UpstreamPool pool, String upstream, Pool settings) {
		this.pool = pool;
		Duration shortest = settings.idleTimeout().compareTo(settings.healthCheckInterval()) < 0
				? settings.idleTimeout() : settings.healthCheckInterval();
		Duration quarter = shortest.dividedBy(4);
		this.tick = quarter.compareTo(TICK_MIN) < 0 ? TICK_MIN : quarter.compareTo(TICK_MAX) > 0 ? TICK_MAX : quarter;
		this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "mcp-upkeep-" + upstream);
			thread.setDaemon(true);
			return thread;
		});
	}

	void start() {
		timer.scheduleWithFixedDelay(this::run, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** One more run after {@code delay}, unless one is already pending. */
	synchronized void runAfter(Duration delay) {
		if (extraRun != null && !extraRun.isDone()) {
			return;
		}
		try {
			extraRun = timer.schedule(this::run, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped: nothing more to keep up.
		}
	}

	void stop() {
		timer.shutdownNow();
	}

	private void run() {
		try {
			pool.upkeep(System.nanoTime());
		}
		catch (RuntimeException ex) {
			// A bug in one round must not end the timer: scheduleWithFixedDelay stops on
			// an exception.
			log.error("pool upkeep failed", ex);
		}
	}

}
