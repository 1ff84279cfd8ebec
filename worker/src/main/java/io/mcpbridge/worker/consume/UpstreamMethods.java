package io.mcpbridge.worker.consume;

import java.time.Instant;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.pool.UpstreamPools;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/** Runs the MCP methods a worker supports against the upstream's pool and returns MCP result objects. */
@Component
class UpstreamMethods {

	/** A method's result; {@code cacheExpiresEpochMs} is set when it came from the worker's cache. */
	record Result(JsonNode result, Long cacheExpiresEpochMs) {

		static Result fresh(JsonNode result) {
			return new Result(result, null);
		}
	}

	private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
	};

	private final UpstreamPools pools;

	private final ToolsCache toolsCache;

	UpstreamMethods(UpstreamPools pools, ToolsCache toolsCache) {
		this.pools = pools;
		this.toolsCache = toolsCache;
	}

	Result execute(RequestEnvelope request) {
		return switch (request.method()) {
			case Methods.INITIALIZE -> Result.fresh(initialize(request.upstream()));
			case Methods.TOOLS_LIST -> listTools(request);
			case Methods.TOOLS_CALL -> Result.fresh(callTool(request));
			default -> throw new InvalidRequestException("unsupported method: " + request.method());
		};
	}

	/** The real upstream's answer to the handshake, so clients see its capabilities and identity. */
	private JsonNode initialize(String upstream) {
		McpSchema.InitializeResult init = pools.initializeResult(upstream);
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		result.put("protocolVersion", init.protocolVersion());
		result.set("capabilities", BridgeJson.mapper().valueToTree(init.capabilities()));
		result.set("serverInfo", BridgeJson.mapper().valueToTree(init.serverInfo()));
		if (init.instructions() != null) {
			result.put("instructions", init.instructions());
		}
		return result;
	}

	private Result listTools(RequestEnvelope request) {
		long now = System.currentTimeMillis();
		var cached = toolsCache.get(request.upstream(), now);
		if (cached.isPresent()) {
			return new Result(cached.get().tools(), cached.get().expiresEpochMs());
		}
		McpSchema.ListToolsResult tools = pools.execute(request.upstream(), deadline(request),
				client -> client.listTools());
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		result.set("tools", BridgeJson.mapper().valueToTree(tools.tools()));
		toolsCache.put(request.upstream(), result, now);
		return Result.fresh(result);
	}

	private JsonNode callTool(RequestEnvelope request) {
		McpSchema.CallToolRequest call = new McpSchema.CallToolRequest(request.tool(), arguments(request.arguments()));
		McpSchema.CallToolResult result = pools.execute(request.upstream(), deadline(request),
				client -> client.callTool(call));
		return BridgeJson.mapper().valueToTree(result);
	}

	private static Map<String, Object> arguments(JsonNode arguments) {
		if (arguments == null || arguments.isNull()) {
			return Map.of();
		}
		if (!arguments.isObject()) {
			throw new InvalidRequestException("tool arguments must be a JSON object");
		}
		return BridgeJson.mapper().convertValue(arguments, ARGUMENTS);
	}

	private static Instant deadline(RequestEnvelope request) {
		return Instant.ofEpochMilli(request.deadlineEpochMs());
	}
}
