package io.mcpbridge.common.tenants;

/**
 * A tenant's token bucket as the tenants file states it. Parsed here; enforced by the
 * gateway's rate limiter.
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
