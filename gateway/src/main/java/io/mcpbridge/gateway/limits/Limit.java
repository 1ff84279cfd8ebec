package io.mcpbridge.gateway.limits;

import java.time.Duration;

/**
 * One token bucket's shape: it holds at most {@code capacity} calls and gains
 * {@code refillPerSecond} of them back each second (continuously, not in steps).
 *
 * @param capacity the largest burst, in calls (at least 1)
 * @param refillPerSecond calls regained per second (more than 0; fractions allowed, e.g.
 * 0.5 for one call every two seconds)
 */
public record Limit(long capacity, double refillPerSecond) {

	/** The seed's token bucket: 100 calls, 10 per second back. */
	public static final Limit SEED = new Limit(100, 10);

	public Limit {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
		}
		if (!(refillPerSecond > 0) || Double.isInfinite(refillPerSecond)) {
			throw new IllegalArgumentException(
					"refill-per-second must be a number greater than 0, got " + refillPerSecond);
		}
	}

	/** How long an empty bucket takes to fill up again. */
	public Duration timeToFill() {
		return Duration.ofNanos(Math.max(1, Math.round(capacity * 1e9 / refillPerSecond)));
	}

	/** Whole seconds an empty bucket takes to fill up again (at least 1). */
	long windowSeconds() {
		return Math.max(1, (timeToFill().toMillis() + 999) / 1000);
	}

}
