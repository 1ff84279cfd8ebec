package io.mcpbridge.gateway.mcp;

import io.mcpbridge.gateway.error.ErrorMapping;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.gateway.error.BridgeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the JSON-RPC messages the endpoint sends. */
final class JsonRpc {

	private JsonRpc() {
	}

	static ObjectNode result(JsonNode id, JsonNode result) {
		ObjectNode message = envelope(id);
		message.set("result", result);
		return message;
	}

	static ObjectNode error(JsonNode id, int code, String text, JsonNode data) {
		ObjectNode message = envelope(id);
		ObjectNode error = message.putObject("error");
		error.put("code", code);
		error.put("message", text);
		if (data != null) {
			error.set("data", data);
		}
		return message;
	}

	/** A worker's reply as the answer to the client's request {@code id}. */
	static ObjectNode answer(JsonNode id, ReplyEnvelope reply) {
		return reply.isSuccess() ? result(id, reply.result()) : error(id, reply.error(), reply.requestId());
	}

	/**
	 * The upstream's own JSON-RPC error when it answered with one; otherwise a server
	 * error naming the bridge's code (TIMEOUT, UPSTREAM_CRASHED...) in {@code data}.
	 */
	static ObjectNode error(JsonNode id, ReplyError error, String requestId) {
		if (error.upstreamCode() != null) {
			return error(id, error.upstreamCode(), error.message(), error.upstreamData());
		}
		return error(id, ErrorMapping.jsonRpcCode(error.code()), error.message(), bridgeData(error.code(), requestId));
	}

	static ObjectNode error(JsonNode id, BridgeException failure) {
		if (failure.upstreamCode() != null) {
			return error(id, failure.upstreamCode(), failure.getMessage(), failure.upstreamData());
		}
		return error(id, ErrorMapping.jsonRpcCode(failure.code()), failure.getMessage(),
				bridgeData(failure.code(), failure.requestId()));
	}

	private static ObjectNode bridgeData(ErrorCode code, String requestId) {
		ObjectNode data = BridgeJson.mapper().createObjectNode();
		data.put("bridge_code", code.name());
		if (requestId != null) {
			data.put("request_id", requestId);
		}
		return data;
	}

	private static ObjectNode envelope(JsonNode id) {
		ObjectNode message = BridgeJson.mapper().createObjectNode();
		message.put("jsonrpc", "2.0");
		message.set("id", id == null ? BridgeJson.mapper().nullNode() : id);
		return message;
	}

}
