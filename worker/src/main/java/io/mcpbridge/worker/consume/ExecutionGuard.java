package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Keeps Kafka's at-least-once delivery from executing a request twice, in one round trip
 * to Redis ({@link #admit}). A redelivered record (after a crash or a rebalance) whose
 * request already has a result is answered from that result; so is a request the client
 * cancelled while it was queued (the gateway stores a CANCELLED result). Otherwise a
 * worker claims the request with a marker ({@code SET NX}) that lives until the request's
 * deadline (plus a grace): a second worker that gets the same record while the first
 * still runs it, or after the first died mid-call, finds the marker and waits for the
 * result instead of executing. The marker is never deleted early: once it expires the
 * deadline has passed, and no worker starts a request past its deadline, so a request id
 * executes at most once.
 *
 * <p>
 * Redis errors propagate (no fail-open here): without Redis the reply could not be
 * delivered either, and the processor retries the record, then dead-letters it.
 */
@Component
class ExecutionGuard {

	/**
	 * Covers clock differences between workers, so a marker outlives the deadline
	 * everywhere.
	 */
	static final Duration MARKER_GRACE = Duration.ofSeconds(5);

	static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	static final String CLAIMED = "claimed";

	static final String TAKEN = "taken";

	static final String UNCLAIMED = "unclaimed";

	/**
	 * KEYS: result key, executing marker. ARGV: claim ("1" or "0"), marker value, marker
	 * TTL in ms. Returns the stored reply (JSON, so never one of the words below), else
	 * whether it claimed.
	 */
	private static final RedisScript<String> ADMIT = RedisScript.of("""
			local stored = redis.call('GET', KEYS[1])
			if stored then return stored end
			if ARGV[1] ~= '1' then return '%s' end
			if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return '%s' end
			return '%s'
			""".formatted(UNCLAIMED, CLAIMED, TAKEN), String.class);

	/**
	 * What the admission found: a stored reply, or whether this worker claimed the
	 * request.
	 */
	record Admission(String storedReply, boolean claimed) {
	}

	private final StringRedisTemplate redis;

	ExecutionGuard(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Reads the request's stored reply and, when there is none and {@code claim} is set,
	 * claims the request for this worker: one script, one round trip.
	 */
	Admission admit(RequestEnvelope request, String workerId, boolean claim) {
		long untilDeadline = Math.max(0, request.deadlineEpochMs() - System.currentTimeMillis());
		String answer = redis.execute(ADMIT,
				List.of(RedisKeys.result(request.tenant(), request.requestId()),
						RedisKeys.executing(request.tenant(), request.requestId())),
				claim ? "1" : "0", workerId + "/" + UUID.randomUUID(),
				Long.toString(Duration.ofMillis(untilDeadline).plus(MARKER_GRACE).toMillis()));
		if (answer == null) {
			throw new IllegalStateException("no answer from Redis to the admission of " + request.requestId());
		}
		return switch (answer) {
			case CLAIMED -> new Admission(null, true);
			case TAKEN, UNCLAIMED -> new Admission(null, false);
			default -> new Admission(answer, false);
		};
	}

	/** The stored reply JSON of an already answered request, or null. */
	String storedReply(RequestEnvelope request) {
		return redis.opsForValue().get(RedisKeys.result(request.tenant(), request.requestId()));
	}

	/**
	 * Waits for the result of a request another worker claimed, until the request's
	 * deadline.
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
