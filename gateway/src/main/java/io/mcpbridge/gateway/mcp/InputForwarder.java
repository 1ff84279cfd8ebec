package io.mcpbridge.gateway.mcp;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.InputAnswer;
import io.mcpbridge.common.RedisKeys;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A client's answer to a request its upstream sent (sampling, elicitation, roots), posted
 * to any gateway: forwarded to the worker whose upstream process waits for it, if it
 * belongs to the client's own session.
 */
@Component
class InputForwarder {

	private final StringRedisTemplate redis;

	InputForwarder(StringRedisTemplate redis) {
		this.redis = redis;
	}

	void forward(String tenant, String sessionId, JsonNode response) {
		JsonNode id = response.get("id");
		if (id == null || !id.isString() || !Identifiers.isValidId(id.asString())) {
			throw new McpError(404, JsonRpcCodes.INVALID_REQUEST, "no request of the server has this id");
		}
		String routeJson = redis.opsForValue().get(RedisKeys.input(tenant, id.asString()));
		JsonNode route = routeJson == null ? null : BridgeJson.mapper().readTree(routeJson);
		if (route == null || !route.path("session_id").asString("").equals(sessionId == null ? "" : sessionId)) {
			throw new McpError(404, JsonRpcCodes.INVALID_REQUEST,
					"no request of the server with this id waits for an answer in this session");
		}
		InputAnswer answer = new InputAnswer(tenant, id.asString(), response.get("result"), response.get("error"));
		redis.convertAndSend(RedisKeys.inputChannel(route.path("worker").asString()),
				BridgeJson.mapper().writeValueAsString(answer));
	}

}
