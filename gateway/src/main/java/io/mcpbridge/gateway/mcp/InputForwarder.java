package io.mcpbridge.gateway.mcp;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.InputAnswer;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.task.TaskStore;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A client's answer to a request its upstream sent (sampling, elicitation, roots), posted
 * to any gateway: forwarded to the worker whose upstream process waits for it, if it
 * belongs to the client's own session. An answer to a task's question is recorded with
 * the task.
 */
@Component
class InputForwarder {

	private final StringRedisTemplate redis;

	private final TaskStore tasks;

	InputForwarder(StringRedisTemplate redis, TaskStore tasks) {
		this.redis = redis;
		this.tasks = tasks;
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
		// A task's question stops making it input_required once answered.
		String requestId = route.path("request_id").asString("");
		if (Identifiers.isValidId(requestId)) {
			tasks.recordAnswer(tenant, requestId, id.asString());
		}
	}

}
