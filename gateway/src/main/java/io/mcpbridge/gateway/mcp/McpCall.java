package io.mcpbridge.gateway.mcp;

import java.util.Map;

import io.mcpbridge.common.Relay;
import io.mcpbridge.gateway.cache.CacheAnswer;
import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC request of the MCP endpoint, ready to go through the queue.
 *
 * @param tenant owner
 * @param sessionId the session (session era), null in the stateless era
 * @param upstream the upstream that serves it
 * @param method the MCP method
 * @param clientId the client's JSON-RPC id, echoed in the answer
 * @param params the request's params, may be null
 * @param relay what the client can receive while it runs
 * @param entityHint the entity named by an {@code Mcp-Param-Entity-Id} header, may be
 * null
 * @param headers response headers (e.g. {@code Mcp-Session-Id})
 * @param shape turns the upstream's result into the client's (e.g. initialize,
 * server/discover)
 * @param cancelOnDisconnect the stateless era's rule: a client that goes away cancels its
 * request
 */
record McpCall(String tenant, String sessionId, String upstream, String method, JsonNode clientId, JsonNode params,
		Relay relay, String entityHint, Map<String, String> headers, Shape shape, boolean cancelOnDisconnect) {

	McpCall {
		headers = headers == null ? Map.of() : Map.copyOf(headers);
		shape = shape == null ? (result, cache) -> result : shape;
	}

	/** The client's result, from the upstream's and from how the cache answered it. */
	@FunctionalInterface
	interface Shape {

		JsonNode apply(JsonNode upstreamResult, CacheAnswer cache);

	}
}
