package io.mcpbridge.gateway.backpressure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The per-tenant bound on pending requests, shared by every gateway replica: one Redis
 * sorted set per tenant whose members are the pending requests
 * ({@code <gateway>/<request id>}) scored by their deadline. Admission drops members
 * whose deadline passed, then adds the request if fewer than the limit remain, in one
 * script. A gateway that dies without releasing its members cannot leak capacity: they
 * leave at their deadline (at most {@code queue.max-timeout}), which a plain INCR/DECR
 * counter with a TTL could not guarantee.
 *
 * <p>
 * Releases cost no round trip of their own: the places of finished requests are carried
 * by the tenant's next admission (the script removes them before it counts), so a steady
 * stream of calls pays one round trip per call; a tenant that goes quiet has them removed
 * in one ZREM after {@code queue.release-delay}. A finished request therefore counts
 * against its tenant at most that long, and never when the tenant's next request needs
 * the place.
 *
 * <p>
 * The bound is {@code queue.max-pending-per-tenant}, or the tenant's own
 * {@code max-pending} from the tenants file ({@link TenantBounds}).
 *
 * <p>
 * Redis down: admission fails open (logged, counted in
 * {@code mcp.bridge.tenant.admission.failopen}). That is safe because each gateway still
 * bounds its own pending map, and the request itself needs Redis for its reply anyway.
 */
@Component
public class TenantInFlight implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TenantInFlight.class);

	/**
	 * KEYS[1] the set; ARGV now, member, deadline, limit, then the members of finished
	 * requests to remove first. Returns 1 when admitted, 0 when full.
	 */
	private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
			if #ARGV > 4 then redis.call('ZREM', KEYS[1], unpack(ARGV, 5)) end
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
			if redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 1 end
			if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
			redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
			local lifetime = tonumber(ARGV[3]) - tonumber(ARGV[1])
			if redis.call('PTTL', KEYS[1]) < lifetime then redis.call('PEXPIRE', KEYS[1], lifetime) end
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final int limit;

	private final String gatewayId;

	private final Counter failOpen;

	private final FinishedPlaces finished;

	private final TenantBounds bounds;

	TenantInFlight(StringRedisTemplate redis, GatewayProperties properties, MeterRegistry registry) {
		this(redis, properties, registry, tenant -> OptionalInt.empty());
	}

	@Autowired
	TenantInFlight(StringRedisTemplate redis, GatewayProperties properties, MeterRegistry registry,
			TenantBounds bounds) {
		this.redis = redis;
		this.bounds = bounds;
		this.limit = properties.queue().maxPendingPerTenant();
		this.gatewayId = properties.gatewayId();
		this.failOpen = Counter.builder("mcp.bridge.tenant.admission.failopen")
			.description("Requests admitted without the per-tenant check because Redis failed")
			.register(registry);
		this.finished = new FinishedPlaces(properties.queue().releaseDelay(), properties.queue().maxPending(),
				this::remove);
	}

	/** Counts the request against its tenant's bound, or fails with OVERLOADED. */
	public void acquire(RequestEnvelope request) {
		int bound = limitOf(request.tenant());
		if (bound == 0) {
			return;
		}
		long now = System.currentTimeMillis();
		List<String> carried = finished.take(request.tenant());
		List<String> args = new ArrayList<>(4 + carried.size());
		args.addAll(List.of(Long.toString(now), member(request),
				Long.toString(Math.max(request.deadlineEpochMs(), now + 1)), Integer.toString(bound)));
		args.addAll(carried);
		Long admitted;
		try {
			admitted = redis.execute(ACQUIRE, List.of(RedisKeys.inflight(request.tenant())), args.toArray());
		}
		catch (RuntimeException redisDown) {
			finished.giveBack(request.tenant(), carried);
			failOpen.increment();
			log.warn("per-tenant admission skipped for {}: {}", request.requestId(), redisDown.toString());
			return;
		}
		if (admitted == null || admitted == 0L) {
			throw new BridgeException(ErrorCode.OVERLOADED,
					"tenant '" + request.tenant() + "' already has " + bound + " requests pending; retry later",
					request.requestId());
		}
	}

	/**
	 * Frees the request's place: with the tenant's next admission, or within
	 * {@code queue.release-delay}.
	 */
	public void release(RequestEnvelope request) {
		if (limitOf(request.tenant()) == 0) {
			return;
		}
		finished.add(request.tenant(), member(request));
	}

	/**
	 * One ZREM of a quiet tenant's finished places; a failure only delays them until
	 * their deadline.
	 */
	private void remove(String tenant, List<String> members) {
		try {
			redis.opsForZSet().remove(RedisKeys.inflight(tenant), members.toArray());
		}
		catch (RuntimeException redisDown) {
			log.debug("could not release {} places of {}; they leave at their deadlines: {}", members.size(), tenant,
					redisDown.toString());
		}
	}

	/** The tenant's own max-pending (tenants file), else the configured bound. */
	private int limitOf(String tenant) {
		return bounds.maxPending(tenant).orElse(limit);
	}

	@Override
	public void destroy() {
		finished.close();
	}

	private String member(RequestEnvelope request) {
		return gatewayId + "/" + request.requestId();
	}

}
