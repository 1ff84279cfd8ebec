package io.mcpbridge.gateway.security;

/**
 * A tenant's token bucket as the tenants file states it. Parsed here; enforced by the
 * rate limiter (a {@link io.mcpbridge.gateway.call.CallGuard}).
 *
 * @param capacity the most requests in a burst
 * @param refillPerSecond tokens added per second
 */
public record RateLimit(long capacity, double refillPerSecond) {

	public RateLimit {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1");
		}
		if (!(refillPerSecond > 0) || Double.isInfinite(refillPerSecond)) {
			throw new IllegalArgumentException("refill-per-second must be a positive number");
		}
	}
}
