package io.mcpbridge.gateway.mcp;

import java.util.List;
import java.util.Locale;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.gateway.config.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * The transport's checks before anything else runs: Origin and Host against allow-lists
 * (a web page must not reach a local bridge through DNS rebinding: 403), and the Accept
 * and Content-Type rules of Streamable HTTP.
 */
@Component
class RequestGuard {

	private final List<String> allowedOrigins;

	private final List<String> allowedHosts;

	RequestGuard(GatewayProperties properties) {
		this.allowedOrigins = properties.mcp().allowedOrigins().stream().map(RequestGuard::lower).toList();
		this.allowedHosts = properties.mcp().allowedHosts().stream().map(RequestGuard::lower).toList();
	}

	void checkOriginAndHost(HttpServletRequest request) {
		String origin = request.getHeader("Origin");
		if (origin != null && !originAllowed(lower(origin))) {
			throw new McpError(403, JsonRpcCodes.INVALID_REQUEST, "Origin " + origin + " is not allowed");
		}
		String host = request.getHeader("Host");
		if (host != null && !hostAllowed(hostWithoutPort(lower(host)))) {
			throw new McpError(403, JsonRpcCodes.INVALID_REQUEST, "Host " + host + " is not allowed");
		}
	}

	/** A POST must accept both a JSON body and an SSE stream, and send JSON. */
	static void checkPost(HttpServletRequest request) {
		String accept = lower(request.getHeader("Accept"));
		if (!(accepts(accept, "application/json") && accepts(accept, "text/event-stream"))) {
			throw new McpError(406, JsonRpcCodes.INVALID_REQUEST,
					"Accept must list both application/json and text/event-stream");
		}
		String contentType = lower(request.getContentType());
		if (!contentType.startsWith("application/json")) {
			throw new McpError(415, JsonRpcCodes.INVALID_REQUEST, "Content-Type must be application/json");
		}
	}

	/** A GET opens an SSE stream: the client must accept one. */
	static void checkGet(HttpServletRequest request) {
		if (!accepts(lower(request.getHeader("Accept")), "text/event-stream")) {
			throw new McpError(406, JsonRpcCodes.INVALID_REQUEST, "Accept must list text/event-stream");
		}
	}

	private static boolean accepts(String accept, String type) {
		return accept.contains(type) || accept.contains("*/*");
	}

	private boolean originAllowed(String origin) {
		for (String allowed : allowedOrigins) {
			if (allowed.equals("*") || allowed.equals(origin)) {
				return true;
			}
			if (allowed.endsWith(":*")) {
				String withoutPort = allowed.substring(0, allowed.length() - 2);
				String port = origin.startsWith(withoutPort + ":") ? origin.substring(withoutPort.length() + 1) : null;
				if (origin.equals(withoutPort)
						|| (port != null && !port.isEmpty() && port.chars().allMatch(Character::isDigit))) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean hostAllowed(String host) {
		return allowedHosts.contains("*") || allowedHosts.contains(host);
	}

	private static String hostWithoutPort(String host) {
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return end < 0 ? host : host.substring(0, end + 1);
		}
		int colon = host.indexOf(':');
		return colon < 0 ? host : host.substring(0, colon);
	}

	private static String lower(String value) {
		return value == null ? "" : value.toLowerCase(Locale.ROOT).trim();
	}

}
