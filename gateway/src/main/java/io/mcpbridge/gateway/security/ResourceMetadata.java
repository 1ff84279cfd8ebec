package io.mcpbridge.gateway.security;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where this bridge's RFC 9728 metadata is, for the {@code WWW-Authenticate} header of a
 * 401. The document itself ({@code GET /.well-known/oauth-protected-resource}) is served
 * by Spring Security's resource server, customized in {@link SecurityConfig}.
 */
final class ResourceMetadata {

	static final String PATH = "/.well-known/oauth-protected-resource";

	private final SecurityProperties properties;

	ResourceMetadata(SecurityProperties properties) {
		this.properties = properties;
	}

	/** The metadata's URL: on the configured resource's origin, else this request's. */
	String metadataUrl(HttpServletRequest request) {
		String configured = properties.resource();
		if (configured != null && !configured.isBlank()) {
			URI uri = URI.create(configured);
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
