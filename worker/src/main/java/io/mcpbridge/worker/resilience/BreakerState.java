package io.mcpbridge.worker.resilience;

/**
 * One breaker's state as reported to the gateways.
 *
 * @param state CLOSED, OPEN, HALF_OPEN (or DISABLED when breakers are off)
 * @param retryAfterMs while OPEN, how long it stays open; else 0
 * @param failureRate the failure rate of its window in percent, -1 until it holds enough
 * calls
 * @param bufferedCalls calls in its window
 * @param failedCalls failed calls in its window
 * @param notPermittedCalls calls refused while it was open, since the worker started
 */
public record BreakerState(String state, long retryAfterMs, float failureRate, int bufferedCalls, int failedCalls,
		long notPermittedCalls) {

	public static final String OPEN = "OPEN";

}
