package io.mcpbridge.gateway.reply;

import java.util.Optional;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a request's result key, the source of truth when a published reply was missed.
 */
@Component
public class ResultReader {

	private final StringRedisTemplate redis;

	ResultReader(StringRedisTemplate redis) {
		this.redis = redis;
	}

	public Optional<ReplyEnvelope> find(String tenant, String requestId) {
		String stored = redis.opsForValue().get(RedisKeys.result(tenant, requestId));
		return Optional.ofNullable(stored).map(json -> BridgeJson.mapper().readValue(json, ReplyEnvelope.class));
	}

}
