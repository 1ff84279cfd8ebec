package io.mcpbridge.gateway.backpressure;

import java.util.OptionalInt;

/**
 * A tenant's own bound on pending requests, where one is configured (the tenants file's
 * {@code max-pending}); without one, {@code bridge.queue.max-pending-per-tenant} applies.
 */
public interface TenantBounds {

	/** The tenant's own bound, or empty for the configured default. */
	OptionalInt maxPending(String tenant);

}
