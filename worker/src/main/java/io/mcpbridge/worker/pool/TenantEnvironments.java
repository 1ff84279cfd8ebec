package io.mcpbridge.worker.pool;

import java.util.Map;

/**
 * Per tenant and upstream, the variables its processes get on top of the upstream's own
 * (the tenants file's {@code upstream-env}): credentials, never logged.
 */
@FunctionalInterface
public interface TenantEnvironments {

	/** No tenant has variables: every call uses the shared pools. */
	TenantEnvironments NONE = (tenant, upstream) -> Map.of();

	/** The tenant's variables for the upstream; empty: its calls use the shared pool. */
	Map<String, String> of(String tenant, String upstream);

}
