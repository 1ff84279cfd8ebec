package io.mcpbridge.worker.relay;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.InputAnswer;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.stdio.JsonRpcException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Requests an upstream sends to the client during a call (sampling, elicitation, roots).
 * Each gets an unguessable id; a Redis key under that id says which worker and session
 * wait for the answer, so the client may post its answer to any gateway, which forwards
 * it to this worker's input channel. An unanswered request fails at the call's deadline.
 * Bounded.
 */
@Component
public class InputRequests {

	static final int MAX_PENDING = 10_000;

	/** JSON-RPC "request timeout", as the MCP SDKs use it. */
	static final int REQUEST_TIMEOUT = -32001;

	private record Waiting(String tenant, CompletableFuture<JsonNode> answer) {
	}

	private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

	private final StringRedisTemplate redis;

	private final EventPublisher publisher;

	private final String workerId;

	InputRequests(StringRedisTemplate redis, EventPublisher publisher, WorkerProperties properties) {
		this.redis = redis;
		this.publisher = publisher;
		this.workerId = properties.worker().id();
	}

	/**
	 * Sends the upstream's request to the request's client; the future completes with its
	 * answer.
	 */
	CompletableFuture<JsonNode> ask(RequestEnvelope request, String method, JsonNode params) {
		long left = request.deadlineEpochMs() - System.currentTimeMillis();
		if (left <= 0 || waiting.size() >= MAX_PENDING) {
			return CompletableFuture.failedFuture(new JsonRpcException(REQUEST_TIMEOUT,
					left <= 0 ? "the request's deadline has passed" : "too many requests wait for their clients",
					null));
		}
		String inputId = "in-" + UUID.randomUUID();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		waiting.put(inputId, new Waiting(request.tenant(), answer));
		CompletableFuture<JsonNode> bounded = answer.orTimeout(left, TimeUnit.MILLISECONDS)
			.exceptionallyCompose(failure -> CompletableFuture.failedFuture(failure instanceof JsonRpcException
					? failure
					: new JsonRpcException(REQUEST_TIMEOUT, "the client did not answer " + method + " in time", null)));
		bounded.whenComplete((result, failure) -> waiting.remove(inputId));
		publisher
			.run(() -> redis.opsForValue()
				.set(RedisKeys.input(request.tenant(), inputId), route(request), Duration.ofMillis(left)))
			.thenCompose(stored -> publisher.publish(request, message(inputId, method, params)))
			.exceptionally(failure -> {
				answer.completeExceptionally(new JsonRpcException(REQUEST_TIMEOUT,
						"the bridge could not relay " + method + " to the client", null));
				return null;
			});
		return bounded;
	}

	/** The client's answer, forwarded by a gateway. */
	void answer(InputAnswer answer) {
		Waiting call = waiting.get(answer.inputId());
		if (call == null || !call.tenant().equals(answer.tenant())) {
			return;
		}
		JsonNode error = answer.error();
		if (error != null && !error.isNull()) {
			call.answer()
				.completeExceptionally(new JsonRpcException(error.path("code").asInt(-32603),
						error.path("message").asString("error"), error.get("data")));
		}
		else {
			call.answer().complete(answer.result() == null ? BridgeJson.mapper().createObjectNode() : answer.result());
		}
	}

	private String route(RequestEnvelope request) {
		ObjectNode route = BridgeJson.mapper().createObjectNode();
		route.put("worker", workerId);
		route.put("session_id", request.sessionId());
		route.put("request_id", request.requestId());
		return BridgeJson.mapper().writeValueAsString(route);
	}

	private static JsonNode message(String inputId, String method, JsonNode params) {
		ObjectNode message = BridgeJson.mapper().createObjectNode();
		message.put("jsonrpc", "2.0");
		message.put("id", inputId);
		message.put("method", method);
		if (params != null) {
			message.set("params", params);
		}
		return message;
	}

}
