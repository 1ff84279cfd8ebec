package io.mcpbridge.gateway.api;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.call.CallPipeline;
import io.mcpbridge.gateway.error.BridgeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ResponseEntity;

/**
 * The response bodies built from replies, shared by the synchronous and the asynchronous
 * endpoints.
 */
final class JsonRpcResponses {

	private JsonRpcResponses() {
	}

	/**
	 * The answer to tools/call: {@code {"jsonrpc":"2.0","id":<request id>,"result":...}}.
	 */
	static ObjectNode toolCall(ReplyEnvelope reply) {
		return jsonRpc(BridgeJson.mapper().getNodeFactory().stringNode(reply.requestId()),
				CallPipeline.resultOf(reply));
	}

	/**
	 * The response with the cache's fields ({@code cached}, {@code cache_expires},
	 * {@code stale} when true) and its {@code Cache-Status} header.
	 */
	static ResponseEntity<JsonNode> withCacheFields(ObjectNode body, CacheAnswer answer) {
		body.put("cached", answer.cached());
		body.put("cache_expires", answer.cacheExpires());
		if (answer.stale()) {
			body.put("stale", true);
		}
		return ResponseEntity.ok().header(CacheAnswer.CACHE_STATUS_HEADER, answer.cacheStatus()).body(body);
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
