package io.mcpbridge.worker.pool;

import java.time.Duration;

/**
 * The upstream did not answer within the call's budget (call timeout or remaining
 * deadline).
 */
public class CallTimeoutException extends RuntimeException {

	public CallTimeoutException(String upstream, Duration budget) {
		super("upstream " + upstream + " did not answer within " + budget.toMillis() + " ms");
	}

}
