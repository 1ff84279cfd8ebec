package io.mcpbridge.gateway.api;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.error.BridgeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The response bodies built from replies, shared by the synchronous and the asynchronous endpoints. */
public final class JsonRpcResponses {

	private JsonRpcResponses() {
	}

	/** The answer to tools/call: {@code {"jsonrpc":"2.0","id":<request id>,"result":...}}. */
	static ObjectNode toolCall(ReplyEnvelope reply) {
		return jsonRpc(BridgeJson.mapper().getNodeFactory().stringNode(reply.requestId()), resultOf(reply));
	}

	/** The reply's result, or its error as a {@link BridgeException}. */
	public static JsonNode resultOf(ReplyEnvelope reply) {
		if (!reply.isSuccess()) {
			throw BridgeException.fromReply(reply.error(), reply.requestId());
		}
		return reply.result();
	}

	static ObjectNode objectCopy(JsonNode result) {
		if (!(result instanceof ObjectNode object)) {
			throw new BridgeException(ErrorCode.UPSTREAM_ERROR, "the upstream's result is not a JSON object");
		}
		return object.deepCopy();
	}

	static ObjectNode jsonRpc(JsonNode id, JsonNode result) {
		ObjectNode response = BridgeJson.mapper().createObjectNode();
		response.put("jsonrpc", "2.0");
		response.set("id", id == null || id.isNull() ? BridgeJson.mapper().getNodeFactory().numberNode(1) : id);
		response.set("result", result);
		return response;
	}
}
