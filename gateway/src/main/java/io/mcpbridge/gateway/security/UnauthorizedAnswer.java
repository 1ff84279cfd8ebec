package io.mcpbridge.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.ErrorMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The answer to a call without valid credentials: 401 with
 * {@code WWW-Authenticate: Bearer resource_metadata="..."} (the MCP authorization spec,
 * RFC 9728), and the documented body: a JSON-RPC error on the MCP endpoint, the JSON
 * error {@code UNAUTHORIZED} elsewhere. It never says why a credential failed (unknown
 * key, expired or foreign token look alike to the caller).
 */
final class UnauthorizedAnswer implements AuthenticationEntryPoint {

	private static final String MESSAGE = "authentication required: send Authorization: Bearer <API key or token>";

	private final ResourceMetadata metadata;

	UnauthorizedAnswer(ResourceMetadata metadata) {
		this.metadata = metadata;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		boolean presented = request.getHeader("Authorization") != null
				|| request.getHeader(Credentials.API_KEY_HEADER) != null;
		response.setStatus(ErrorCode.UNAUTHORIZED.httpStatus());
		response.setHeader("WWW-Authenticate", "Bearer resource_metadata=\"" + metadata.metadataUrl(request) + "\""
				+ (presented ? ", error=\"invalid_token\"" : ""));
		response.setContentType("application/json");
		ObjectNode body = isMcpEndpoint(request) ? jsonRpcError() : restError();
		byte[] bytes = BridgeJson.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private static boolean isMcpEndpoint(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return "/mcp".equals(path) || "/mcp/".equals(path) || path.startsWith("/mcp/u/");
	}

	private static ObjectNode restError() {
		ObjectNode body = BridgeJson.mapper().createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("code", ErrorCode.UNAUTHORIZED.name());
		error.put("message", MESSAGE);
		return body;
	}

	private static ObjectNode jsonRpcError() {
		ObjectNode body = BridgeJson.mapper().createObjectNode();
		body.put("jsonrpc", "2.0");
		body.putNull("id");
		ObjectNode error = body.putObject("error");
		error.put("code", ErrorMapping.jsonRpcCode(ErrorCode.UNAUTHORIZED));
		error.put("message", MESSAGE);
		error.putObject("data").put("bridge_code", ErrorCode.UNAUTHORIZED.name());
		return body;
	}

}
