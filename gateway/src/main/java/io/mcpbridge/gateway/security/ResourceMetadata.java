package io.mcpbridge.gateway.security;

import io.mcpbridge.common.BridgeJson;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/oauth-protected-resource} (RFC 9728): what a client needs to
 * obtain a token for this bridge (its resource URI and the authorization servers).
 * Public, like every well-known document.
 */
@RestController
class ResourceMetadata {

	static final String PATH = "/.well-known/oauth-protected-resource";

	private final SecurityProperties properties;

	ResourceMetadata(SecurityProperties properties) {
		this.properties = properties;
	}

	@GetMapping({ PATH, PATH + "/mcp" })
	ObjectNode metadata(HttpServletRequest request) {
		ObjectNode document = BridgeJson.mapper().createObjectNode();
		document.put("resource", resource(request));
		ArrayNode servers = document.putArray("authorization_servers");
		properties.advertisedAuthorizationServers().forEach(servers::add);
		document.putArray("bearer_methods_supported").add("header");
		document.put("resource_name", "mcp-bridge");
		return document;
	}

	/** The configured resource URI, else this request's origin + {@code /mcp}. */
	String resource(HttpServletRequest request) {
		String configured = properties.resource();
		return configured != null && !configured.isBlank() ? configured : origin(request) + "/mcp";
	}

	String metadataUrl(HttpServletRequest request) {
		String configured = properties.resource();
		if (configured != null && !configured.isBlank()) {
			java.net.URI uri = java.net.URI.create(configured);
			return uri.getScheme() + "://" + uri.getRawAuthority() + PATH;
		}
		return origin(request) + PATH;
	}

	private static String origin(HttpServletRequest request) {
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
				|| ("https".equals(request.getScheme()) && port == 443);
		return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
	}

}
