package io.mcpbridge.gateway.api;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.gateway.error.BridgeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and validates fields of a request body, failing with INVALID_REQUEST and the
 * field's name.
 */
final class RequestFields {

	private RequestFields() {
	}

	static String requiredString(ObjectNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || !value.isString() || value.asString().isBlank()) {
			throw invalid("'" + field + "' is required and must be a non-empty string");
		}
		return value.asString();
	}

	static JsonNode optionalObject(ObjectNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw invalid("'" + field + "' must be a JSON object");
		}
		return value;
	}

	/**
	 * A client-chosen id (request or session id), restricted to the alphabet of Redis
	 * keys.
	 */
	static String optionalId(ObjectNode body, String field) {
		String value = optionalString(body, field);
		if (value != null && !Identifiers.isValidId(value)) {
			throw invalid("'" + field + "' must be 1-128 characters of letters, digits and . _ : @ -");
		}
		return value;
	}

	static String optionalName(ObjectNode body, String field) {
		String value = optionalString(body, field);
		if (value != null && !Identifiers.isValidName(value)) {
			throw invalid("'" + field + "' must be 1-64 characters of letters, digits and . _ -");
		}
		return value;
	}

	static String optionalString(ObjectNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw invalid("'" + field + "' must be a string");
		}
		return value.asString();
	}

	private static BridgeException invalid(String message) {
		return new BridgeException(ErrorCode.INVALID_REQUEST, message);
	}

}
