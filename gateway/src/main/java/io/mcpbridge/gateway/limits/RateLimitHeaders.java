package io.mcpbridge.gateway.limits;

/**
 * The IETF rate-limit header fields, in the syntax of
 * draft-ietf-httpapi-ratelimit-headers-10 (September 2025; unchanged in -11): Structured
 * Field lists whose items are a quoted policy name with parameters.
 * {@code RateLimit-Policy: "tenant";q=100;w=10} (quota q calls, w the seconds an empty
 * bucket takes to fill) and {@code RateLimit: "tenant";r=0;t=1} (r calls remaining, t
 * seconds until they are available: until a token when none is left, until the bucket is
 * full otherwise). {@code Retry-After} goes with a refusal.
 */
final class RateLimitHeaders {

	static final String POLICY = "RateLimit-Policy";

	static final String STATE = "RateLimit";

	static final String RETRY_AFTER = "Retry-After";

	private RateLimitHeaders() {
	}

	static String policy(String name, Limit limit) {
		return "\"" + name + "\";q=" + limit.capacity() + ";w=" + limit.windowSeconds();
	}

	static String state(String name, Verdict verdict) {
		long t = verdict.allowed() ? verdict.resetSeconds() : verdict.retryAfterSeconds();
		return "\"" + name + "\";r=" + Math.max(0, verdict.remaining()) + ";t=" + t;
	}

}
