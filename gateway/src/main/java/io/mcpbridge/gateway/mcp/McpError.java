package io.mcpbridge.gateway.mcp;

import tools.jackson.databind.JsonNode;

/**
 * A refusal of the MCP endpoint: the HTTP status and the JSON-RPC error the client gets. Thrown
 * anywhere in the endpoint, turned into a response in one place ({@link McpServlet}).
 */
final class McpError extends RuntimeException {

	static final int PARSE_ERROR = -32700;

	static final int INVALID_REQUEST = -32600;

	static final int METHOD_NOT_FOUND = -32601;

	static final int INVALID_PARAMS = -32602;

	static final int INTERNAL_ERROR = -32603;

	/** The bridge's own failures that are not the upstream's (timeout, overload...): JSON-RPC server error range. */
	static final int SERVER_ERROR = -32000;

	/** JSON-RPC "request timeout", as the MCP SDKs use it. */
	static final int REQUEST_TIMEOUT = -32001;

	/** 2026-07-28: an {@code Mcp-*} header is missing or disagrees with the body. */
	static final int HEADER_MISMATCH = -32020;

	/** 2026-07-28: the request needs a capability the client did not declare; data names it. */
	static final int MISSING_CAPABILITY = -32021;

	/** 2026-07-28: the request's protocol version is not served here; data lists the supported ones. */
	static final int UNSUPPORTED_VERSION = -32022;

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
