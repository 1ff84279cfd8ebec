package io.mcpbridge.gateway.error;

/** The JSON-RPC error codes the gateway answers with, named once (JSON-RPC 2.0, MCP). */
public final class JsonRpcCodes {

	public static final int PARSE_ERROR = -32700;

	public static final int INVALID_REQUEST = -32600;

	public static final int METHOD_NOT_FOUND = -32601;

	public static final int INVALID_PARAMS = -32602;

	public static final int INTERNAL_ERROR = -32603;

	/**
	 * The bridge's own failures that are not the upstream's (timeout, overload...):
	 * JSON-RPC server error range.
	 */
	public static final int SERVER_ERROR = -32000;

	/** JSON-RPC "request timeout", as the MCP SDKs use it. */
	public static final int REQUEST_TIMEOUT = -32001;

	/** 2026-07-28: an {@code Mcp-*} header is missing or disagrees with the body. */
	public static final int HEADER_MISMATCH = -32020;

	/**
	 * 2026-07-28: the request needs a capability the client did not declare; data names
	 * it.
	 */
	public static final int MISSING_CAPABILITY = -32021;

	/**
	 * 2026-07-28: the request's protocol version is not served here; data lists the
	 * supported ones.
	 */
	public static final int UNSUPPORTED_VERSION = -32022;

	private JsonRpcCodes() {
	}

}
