package io.mcpbridge.worker.resilience;

import java.time.Duration;

/**
 * An upstream's breaker is open: the call was refused without reaching the upstream.
 */
public class CircuitOpenException extends RuntimeException {

	private final transient Duration timeLeft;

	CircuitOpenException(String upstream, Duration timeLeft) {
		super("the circuit breaker of upstream " + upstream + " is open after repeated failures; retry in "
				+ Math.max(1, (timeLeft.toMillis() + 999) / 1000) + " s", null, false, false);
		this.timeLeft = timeLeft;
	}

	/** How long the breaker stays open (zero when it lets probes through again). */
	public Duration timeLeft() {
		return timeLeft;
	}

}
