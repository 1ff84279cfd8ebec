package io.mcpbridge.worker.status;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Namespace;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.Topics;
import io.mcpbridge.common.WorkerReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Rewrites this worker's {@link WorkerReport} in Redis every
 * {@code bridge.status.publish-interval}, with a TTL of a few intervals, and indexes it
 * in {@link RedisKeys#workerIndex(Namespace)} (of its deployment namespace) scored by the
 * time the report expires: readers take the entries that have not expired yet, and any
 * writer may prune the ones that have. A graceful stop deletes the report at once; a
 * crash lets it expire.
 *
 * <p>
 * Runs after the upstream pools start and stops before they stop (phase between the
 * pools' and the consumers'), so a report never describes pools that are not there. A
 * failed write is logged and retried at the next interval: status is information, never a
 * reason to stop serving.
 */
@Component
class WorkerStatusPublisher implements SmartLifecycle {

	/** After {@code UpstreamPools} (phase 0), before the request consumers. */
	static final int PHASE = 1;

	private static final Logger log = LoggerFactory.getLogger(WorkerStatusPublisher.class);

	private final StringRedisTemplate redis;

	private final WorkerReportBuilder reports;

	private final StatusProperties properties;

	private final Namespace namespace;

	private ScheduledExecutorService timer;

	private volatile boolean failing;

	WorkerStatusPublisher(StringRedisTemplate redis, WorkerReportBuilder reports, StatusProperties properties,
			Topics topics) {
		this.redis = redis;
		this.namespace = topics.namespace();
		this.reports = reports;
		this.properties = properties;
	}

	/**
	 * Writes the report now; false when it could not be built or written. Never throws:
	 * an exception would cancel every later run of the periodic task.
	 */
	boolean publish() {
		long now = System.currentTimeMillis();
		long ttlMs = properties.reportTtl().toMillis();
		try {
			WorkerReport report = reports.build(now, ttlMs);
			redis.opsForValue()
				.set(RedisKeys.workerReport(namespace, report.workerId()),
						BridgeJson.mapper().writeValueAsString(report), properties.reportTtl());
			redis.opsForZSet().add(RedisKeys.workerIndex(namespace), report.workerId(), now + ttlMs);
			redis.opsForZSet().removeRangeByScore(RedisKeys.workerIndex(namespace), Double.NEGATIVE_INFINITY, now);
			if (failing) {
				log.info("status report of worker {} written again", reports.workerId());
			}
			failing = false;
			return true;
		}
		catch (RuntimeException ex) {
			if (!failing) {
				log.warn("could not write the status report of worker {} (retrying every {}): {}", reports.workerId(),
						properties.publishInterval(), ex.toString());
			}
			failing = true;
			return false;
		}
	}

	@Override
	public synchronized void start() {
		timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "mcp-status-report");
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.publishInterval().toMillis();
		timer.scheduleWithFixedDelay(this::publish, 0, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (timer == null) {
			return;
		}
		timer.shutdownNow();
		try {
			// A write still in progress must not bring the report back after the delete
			// below.
			timer.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		timer = null;
		String workerId = reports.workerId();
		try {
			redis.delete(RedisKeys.workerReport(namespace, workerId));
			redis.opsForZSet().remove(RedisKeys.workerIndex(namespace), workerId);
		}
		catch (RuntimeException ex) {
			log.info("could not delete the status report of worker {}; it expires by itself: {}", workerId,
					ex.toString());
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return timer != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
