package io.mcpbridge.worker.consume;

import java.time.Instant;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.pool.UpstreamPools;
import io.mcpbridge.worker.stdio.CallListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Runs the MCP methods a worker supports against the upstream's pool. Params and results pass
 * through as JSON, so fields of protocol revisions the bridge does not know about survive.
 */
@Component
class UpstreamMethods {

	/** A method's result; {@code cacheExpiresEpochMs} is set when it came from the worker's cache. */
	record Result(JsonNode result, Long cacheExpiresEpochMs) {

		static Result fresh(JsonNode result) {
			return new Result(result, null);
		}
	}

	private final UpstreamPools pools;

	private final ToolsCache toolsCache;

	UpstreamMethods(UpstreamPools pools, ToolsCache toolsCache) {
		this.pools = pools;
		this.toolsCache = toolsCache;
	}

	Result execute(RequestEnvelope request, CallListener listener) {
		return switch (request.method()) {
			// The real upstream's answer to the handshake, so clients see its capabilities and identity.
			case Methods.INITIALIZE -> Result.fresh(pools.initializeResult(request.upstream()).deepCopy());
			case Methods.TOOLS_LIST -> listTools(request, listener);
			case Methods.TOOLS_CALL -> Result.fresh(call(request, toolCallParams(request), listener));
			default -> {
				if (!Methods.PASSED_THROUGH.contains(request.method())) {
					throw new InvalidRequestException("unsupported method: " + request.method());
				}
				yield Result.fresh(call(request, request.arguments(), listener));
			}
		};
	}

	private Result listTools(RequestEnvelope request, CallListener listener) {
		if (request.arguments() != null && request.arguments().has("cursor")) {
			// A later page: the cache holds the first page only.
			return Result.fresh(call(request, request.arguments(), listener));
		}
		long now = System.currentTimeMillis();
		var cached = toolsCache.get(request.upstream(), now);
		if (cached.isPresent()) {
			return new Result(cached.get().tools(), cached.get().expiresEpochMs());
		}
		JsonNode result = call(request, request.arguments(), listener);
		toolsCache.put(request.upstream(), result, now);
		return Result.fresh(result);
	}

	private JsonNode call(RequestEnvelope request, JsonNode params, CallListener listener) {
		return pools.execute(request.upstream(), Instant.ofEpochMilli(request.deadlineEpochMs()), request.method(),
				params, listener);
	}

	private static JsonNode toolCallParams(RequestEnvelope request) {
		JsonNode arguments = request.arguments();
		if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
			throw new InvalidRequestException("tool arguments must be a JSON object");
		}
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("name", request.tool());
		params.set("arguments", arguments == null || arguments.isNull() ? BridgeJson.mapper().createObjectNode()
				: arguments);
		if (request.meta() != null && request.meta().isObject()) {
			params.set("_meta", request.meta());
		}
		return params;
	}
}
