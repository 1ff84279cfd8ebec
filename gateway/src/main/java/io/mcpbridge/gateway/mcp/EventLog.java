package io.mcpbridge.gateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.reply.EventList;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the per-request event lists the workers append to ({@code RedisKeys.events}): to
 * fill a gap when pub/sub delivered events out of order, to send what a stream missed
 * before its final answer, and to replay a stream a client resumes.
 */
@Component
class EventLog {

	private final StringRedisTemplate redis;

	private final EventList lists;

	EventLog(StringRedisTemplate redis, EventList lists) {
		this.redis = redis;
		this.lists = lists;
	}

	/**
	 * Events after position {@code afterSequence} (positions start at 1), oldest first.
	 */
	List<JsonNode> after(String tenant, String sessionId, String requestId, long afterSequence) {
		return lists.after(tenant, sessionId, requestId, afterSequence);
	}

	/**
	 * Remembers the client's id of a request whose answer became a stream, for a resumed
	 * stream's end.
	 */
	void rememberClientId(String tenant, String sessionId, String requestId, JsonNode clientId, Duration ttl) {
		redis.opsForValue()
			.set(RedisKeys.streamedRequestId(tenant, sessionId, requestId),
					BridgeJson.mapper().writeValueAsString(clientId), ttl);
	}

	/**
	 * The client id of a streamed request of this session; empty when the session never
	 * streamed it.
	 */
	Optional<JsonNode> clientId(String tenant, String sessionId, String requestId) {
		String stored = redis.opsForValue().get(RedisKeys.streamedRequestId(tenant, sessionId, requestId));
		return Optional.ofNullable(stored).map(json -> BridgeJson.mapper().readTree(json));
	}

}
