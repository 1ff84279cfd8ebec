package io.mcpbridge.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;

import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

/**
 * The request ids of a tenant, shared by every gateway replica through Redis. The first
 * request with an id wins a SET NX on its dedup key; later ones read the record and
 * either answer from it or wait. Redis is required here (as for correlation): without it
 * no request is accepted at all.
 */
@Component
public class IdempotencyStore {

	/**
	 * A claim may lose a race against a first request that released its id; retrying once
	 * or twice settles it.
	 */
	private static final int CLAIM_ATTEMPTS = 3;

	private final StringRedisTemplate redis;

	private final Duration ttl;

	private final String gatewayId;

	IdempotencyStore(StringRedisTemplate redis, GatewayProperties properties) {
		this.redis = redis;
		this.ttl = properties.idempotency().ttl();
		this.gatewayId = properties.gatewayId();
	}

	/**
	 * Claims the request's id for it, or finds the earlier request that holds it (409 if
	 * it differs).
	 */
	public Claim claim(RequestEnvelope request, String fingerprint) {
		String key = RedisKeys.dedup(request.tenant(), request.requestId());
		String mine = json(new IdempotencyRecord(fingerprint, request.deadlineEpochMs(), gatewayId, null));
		for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
			if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, mine, ttl))) {
				return new Claim.First();
			}
			Optional<IdempotencyRecord> existing = find(request.tenant(), request.requestId());
			if (existing.isPresent()) {
				return Claim.decide(existing.get(), fingerprint, request.requestId());
			}
		}
		throw new IllegalStateException("could not claim request id " + request.requestId());
	}

	public Optional<IdempotencyRecord> find(String tenant, String requestId) {
		String stored = redis.opsForValue().get(RedisKeys.dedup(tenant, requestId));
		return Optional.ofNullable(stored).map(text -> BridgeJson.mapper().readValue(text, IdempotencyRecord.class));
	}

	/**
	 * Keeps the first reply under the dedup key for the rest of its TTL (the result key
	 * expires sooner). Any gateway that learns the reply may call this; the first write
	 * wins in effect, since every writer holds the same reply.
	 */
	public void complete(ReplyEnvelope reply) {
		find(reply.tenant(), reply.requestId()).filter(record -> record.reply() == null).ifPresent(record -> {
			byte[] key = bytes(RedisKeys.dedup(reply.tenant(), reply.requestId()));
			byte[] value = bytes(json(record.withReply(reply)));
			redis.execute((RedisCallback<Boolean>) connection -> connection.stringCommands()
				.set(key, value, Expiration.keepTtl(), SetOption.ifPresent()));
		});
	}

	/**
	 * Frees an id whose request never entered the queue, so that a retry with it can
	 * execute.
	 */
	public void release(String tenant, String requestId) {
		redis.delete(RedisKeys.dedup(tenant, requestId));
	}

	private static String json(IdempotencyRecord record) {
		return BridgeJson.mapper().writeValueAsString(record);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
