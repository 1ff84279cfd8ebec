package io.mcpbridge.gateway.call;

/**
 * Who makes a call and from where, as the {@link CallGuard}s see it: the same for the
 * REST API and the MCP endpoint. Made in one place,
 * {@code io.mcpbridge.gateway.security.CallContexts}, from the authenticated caller (or
 * the configured default tenant in open mode).
 *
 * @param tenant whose keys, limits and sessions the call uses
 * @param principal the authenticated caller, owner of the sessions it creates
 * ({@code key:<hash prefix>} or {@code jwt:<subject>}); null while authentication is off
 * @param clientAddress the client's IP address as the servlet saw it; null when unknown
 * @param traceparent the W3C trace context of the call; null when none was sent or
 * tracing is off
 */
public record CallContext(String tenant, String principal, String clientAddress, String traceparent) {

	public CallContext {
		if (tenant == null || tenant.isBlank()) {
			throw new IllegalArgumentException("a call always has a tenant");
		}
	}

	/** A call before authentication exists: the tenant only, and where it came from. */
	public static CallContext of(String tenant, String clientAddress) {
		return new CallContext(tenant, null, clientAddress, null);
	}
}
