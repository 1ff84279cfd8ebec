package io.mcpbridge.gateway.protocol;

import tools.jackson.databind.JsonNode;

/**
 * What a JSON-RPC {@code id} may be. MCP allows a string or an integer (JSON-RPC 2.0 also
 * null, for an error about an unreadable request); an object, an array, a boolean or a
 * fraction is refused before it is echoed or stored anywhere.
 */
public final class JsonRpcIds {

	/** Longer string ids are refused: an id is echoed and stored with the request. */
	public static final int MAX_STRING_LENGTH = 256;

	private JsonRpcIds() {
	}

	/** Whether {@code id} (absent: null) is a valid id; absent and null are valid. */
	public static boolean isValid(JsonNode id) {
		if (id == null || id.isNull()) {
			return true;
		}
		if (id.isString()) {
			return id.asString().length() <= MAX_STRING_LENGTH;
		}
		return id.isIntegralNumber() && id.canConvertToLong();
	}

	/** The rule, for error messages. */
	public static String rule() {
		return "'id' must be a string of at most " + MAX_STRING_LENGTH + " characters or an integer";
	}

}
