package io.mcpbridge.gateway.limits;

import io.github.bucket4j.ConsumptionProbe;

/**
 * What one bucket said about one call.
 *
 * @param allowed whether the call took a token
 * @param remaining tokens left after it
 * @param nanosToRefill when refused: how long until a token is back
 * @param nanosToFull how long until the bucket is full again
 * @param local whether this gateway's local bucket decided (Redis unavailable)
 */
record Verdict(boolean allowed, long remaining, long nanosToRefill, long nanosToFull, boolean local) {

	static Verdict of(ConsumptionProbe probe, boolean local) {
		return new Verdict(probe.isConsumed(), probe.getRemainingTokens(),
				probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset(), local);
	}

	/**
	 * Whole seconds until a token is back (at least 1: never invite an immediate retry).
	 */
	long retryAfterSeconds() {
		return Math.max(1, (nanosToRefill + 999_999_999L) / 1_000_000_000L);
	}

	/** Whole seconds until the bucket is full again (0 when it is full). */
	long resetSeconds() {
		return (nanosToFull + 999_999_999L) / 1_000_000_000L;
	}

}
