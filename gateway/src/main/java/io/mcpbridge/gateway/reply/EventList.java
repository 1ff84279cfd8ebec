package io.mcpbridge.gateway.reply;

import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the per-request event lists the workers append to ({@code RedisKeys.events}), the
 * source of truth for events as the result key is for replies: pub/sub may reorder or
 * lose what it pushes.
 */
@Component
public class EventList {

	private final StringRedisTemplate redis;

	EventList(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Events after position {@code afterSequence} (positions start at 1), oldest first.
	 * @param sessionId the session the list is kept under; null for a request without one
	 */
	public List<JsonNode> after(String tenant, String sessionId, String requestId, long afterSequence) {
		List<String> stored = redis.opsForList()
			.range(RedisKeys.events(tenant, sessionId, requestId), afterSequence, -1);
		return stored == null ? List.of() : stored.stream().map(json -> BridgeJson.mapper().readTree(json)).toList();
	}

}
