package io.mcpbridge.gateway.session;

import java.util.List;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a session keeps of the client's {@code clientInfo} and {@code capabilities}: they
 * come from the client and live in Redis for the session's idle TTL, so only bounded
 * parts are stored (a 1 MB clientInfo must not cost 1 MB per session).
 * <ul>
 * <li>clientInfo: its string fields {@code name}, {@code version} and {@code title}, each
 * cut to {@value #MAX_TEXT} characters; anything else is dropped.</li>
 * <li>capabilities: the capabilities the bridge acts on or passes on ({@code roots},
 * {@code sampling}, {@code elicitation}, {@code tasks}, {@code experimental}); one whose
 * JSON exceeds {@value #MAX_CAPABILITY_BYTES} bytes is kept as an empty object (declared,
 * its details dropped); anything else is dropped.</li>
 * </ul>
 */
final class ClientDeclarations {

	static final int MAX_TEXT = 128;

	static final int MAX_CAPABILITY_BYTES = 1024;

	private static final List<String> CLIENT_INFO_FIELDS = List.of("name", "version", "title");

	private static final List<String> CAPABILITIES = List.of("roots", "sampling", "elicitation", "tasks",
			"experimental");

	private ClientDeclarations() {
	}

	static JsonNode clientInfo(JsonNode declared) {
		if (declared == null || !declared.isObject()) {
			return null;
		}
		ObjectNode kept = BridgeJson.mapper().createObjectNode();
		for (String field : CLIENT_INFO_FIELDS) {
			JsonNode value = declared.get(field);
			if (value != null && value.isString()) {
				String text = value.asString();
				kept.put(field, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
			}
		}
		return kept;
	}

	static JsonNode capabilities(JsonNode declared) {
		if (declared == null || !declared.isObject()) {
			return declared == null ? null : BridgeJson.mapper().createObjectNode();
		}
		ObjectNode kept = BridgeJson.mapper().createObjectNode();
		for (String name : CAPABILITIES) {
			JsonNode value = declared.get(name);
			if (value != null) {
				boolean small = BridgeJson.mapper().writeValueAsBytes(value).length <= MAX_CAPABILITY_BYTES;
				kept.set(name, small ? value : BridgeJson.mapper().createObjectNode());
			}
		}
		return kept;
	}

}
