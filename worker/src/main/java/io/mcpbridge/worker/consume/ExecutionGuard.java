package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.UUID;

import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps Kafka's at-least-once delivery from executing a request twice. A redelivered record (after
 * a crash or a rebalance) whose request already has a result is answered from that result. Before
 * executing, a worker claims the request with a marker ({@code SET NX}) that lives until the
 * request's deadline (plus a grace): a second worker that gets the same record while the first still
 * runs it, or after the first died mid-call, finds the marker and waits for the result instead of
 * executing. The marker is never deleted early: once it expires the deadline has passed, and no
 * worker starts a request past its deadline, so a request id executes at most once.
 *
 * <p>
 * Redis errors propagate (no fail-open here): without Redis the reply could not be delivered
 * either, and the processor retries the record, then dead-letters it.
 */
@Component
class ExecutionGuard {

	/** Covers clock differences between workers, so a marker outlives the deadline everywhere. */
	static final Duration MARKER_GRACE = Duration.ofSeconds(5);

	static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private final StringRedisTemplate redis;

	ExecutionGuard(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** The stored reply JSON of an already answered request, or null. */
	String storedReply(RequestEnvelope request) {
		return redis.opsForValue().get(RedisKeys.result(request.tenant(), request.requestId()));
	}

	/** True when this worker may execute the request: nobody claimed it before. */
	boolean claim(RequestEnvelope request, String workerId) {
		long untilDeadline = Math.max(0, request.deadlineEpochMs() - System.currentTimeMillis());
		Boolean claimed = redis.opsForValue()
			.setIfAbsent(RedisKeys.executing(request.tenant(), request.requestId()), workerId + "/" + UUID.randomUUID(),
					Duration.ofMillis(untilDeadline).plus(MARKER_GRACE));
		return Boolean.TRUE.equals(claimed);
	}

	/**
	 * Waits for the result of a request another worker claimed, until the request's deadline.
	 * @return the stored reply JSON, or null when none came before the deadline
	 */
	String awaitResult(RequestEnvelope request) throws InterruptedException {
		while (true) {
			String stored = storedReply(request);
			if (stored != null) {
				return stored;
			}
			long left = request.deadlineEpochMs() - System.currentTimeMillis();
			if (left <= 0) {
				return null;
			}
			Thread.sleep(Math.min(left, POLL_INTERVAL.toMillis()));
		}
	}
}
