package io.mcpbridge.gateway.mcp;

import tools.jackson.databind.JsonNode;

/**
 * A refusal of the MCP endpoint: the HTTP status and the JSON-RPC error the client gets.
 * Thrown anywhere in the endpoint, turned into a response in one place
 * ({@link McpServlet}).
 */
final class McpError extends RuntimeException {

	private final int httpStatus;

	private final int code;

	private final transient JsonNode data;

	McpError(int httpStatus, int code, String message) {
		this(httpStatus, code, message, null);
	}

	McpError(int httpStatus, int code, String message, JsonNode data) {
		super(message);
		this.httpStatus = httpStatus;
		this.code = code;
		this.data = data;
	}

	int httpStatus() {
		return httpStatus;
	}

	int code() {
		return code;
	}

	/** The error's {@code data}, null when it has none. */
	JsonNode data() {
		return data;
	}

}
