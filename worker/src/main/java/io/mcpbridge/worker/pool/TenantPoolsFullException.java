package io.mcpbridge.worker.pool;

import java.time.Duration;

/**
 * A tenant's call found no room for its tenant pool within the wait allowed: every
 * process of the budget is reserved by pools with calls running. Nothing was executed.
 */
public class TenantPoolsFullException extends RuntimeException {

	TenantPoolsFullException(String upstream, Duration waited, int capacity) {
		super("no room for another process of upstream " + upstream + ": the " + capacity
				+ " processes the worker keeps for tenant pools are busy (waited " + waited.toMillis() + " ms)");
	}

}
