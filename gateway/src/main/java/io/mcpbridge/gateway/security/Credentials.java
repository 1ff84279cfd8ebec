package io.mcpbridge.gateway.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Where a caller's credential is: {@code Authorization: Bearer <API key or JWT>}, else
 * {@code X-API-Key: <API key>}. Never a query parameter (it would end up in access logs).
 */
final class Credentials implements BearerTokenResolver {

	static final String API_KEY_HEADER = "X-API-Key";

	/** Longer than any JWT or key we accept: refused before any work is spent on it. */
	static final int MAX_LENGTH = 8192;

	private static final String BEARER = "bearer ";

	private static final String UNUSABLE = "-";

	@Override
	public String resolve(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return bounded(authorization.substring(BEARER.length()).trim());
		}
		String apiKey = request.getHeader(API_KEY_HEADER);
		return apiKey == null ? null : bounded(apiKey.trim());
	}

	/**
	 * A blank or oversized credential is still a credential (so the caller gets 401, not
	 * an anonymous pass): a value no key or token matches.
	 */
	private static String bounded(String value) {
		return value.isEmpty() || value.length() > MAX_LENGTH ? UNUSABLE : value;
	}

	/**
	 * Whether a bearer value has a JWT's shape (three base64url parts); anything else is
	 * tried as an API key.
	 */
	static boolean looksLikeJwt(String token) {
		int first = token.indexOf('.');
		int second = first < 0 ? -1 : token.indexOf('.', first + 1);
		if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.';
			if (!base64url) {
				return false;
			}
		}
		return true;
	}

}
