package io.mcpbridge.gateway.limits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The error bodies written outside Spring MVC (by Tomcat's error report, the upload
 * filter, {@code /error}): the REST API's JSON error, or a JSON-RPC error on the MCP
 * endpoint's paths, so that no layer ever answers an HTML page.
 */
final class ErrorPages {

	/** JSON-RPC "Invalid Request" (the MCP endpoint's code for a refused message). */
	private static final int JSON_RPC_INVALID_REQUEST = -32600;

	private ErrorPages() {
	}

	/** Whether {@code path} is the MCP endpoint ({@code /mcp} or {@code /mcp/u/...}). */
	static boolean isMcpEndpoint(String path) {
		return path != null && (path.equals("/mcp") || path.equals("/mcp/") || path.startsWith("/mcp/u/"));
	}

	static byte[] body(String path, ErrorCode code, String message) {
		ObjectNode body = BridgeJson.mapper().createObjectNode();
		if (isMcpEndpoint(path)) {
			body.put("jsonrpc", "2.0");
			body.putNull("id");
			ObjectNode error = body.putObject("error");
			error.put("code", JSON_RPC_INVALID_REQUEST);
			error.put("message", message);
			error.putObject("data").put("bridge_code", code.name());
		}
		else {
			ObjectNode error = body.putObject("error");
			error.put("code", code.name());
			error.put("message", message);
		}
		return BridgeJson.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
	}

	/** The code of an HTTP status that no handler chose (Tomcat's own refusals). */
	static ErrorCode codeOf(int status) {
		return switch (status) {
			case 404 -> ErrorCode.NOT_FOUND;
			case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
			case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
			case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
			default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
		};
	}

	static String messageOf(int status) {
		return switch (status) {
			case 404 -> "no such endpoint";
			case 405 -> "method not allowed";
			case 413 -> "the request is too large";
			case 400 -> "malformed request (request line, path or headers)";
			default -> status >= 500 ? "internal error" : "the request was refused (HTTP " + status + ")";
		};
	}

	static void write(OutputStream out, byte[] body) throws IOException {
		out.write(body);
		out.flush();
	}

}
