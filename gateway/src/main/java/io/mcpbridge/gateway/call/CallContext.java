package io.mcpbridge.gateway.call;

/**
 * Who makes a call and from where, as the {@link CallGuard}s see it: the same for the
 * REST API and the MCP endpoint. Today only the tenant is filled (the configured default
 * tenant) and the client's address; authentication, rate limits and tracing fill the
 * other fields when they arrive, in one place each, without touching the adapters'
 * pipelines.
 *
 * @param tenant whose keys, limits and sessions the call uses
 * @param principal the authenticated caller (an API key's name, a JWT subject); null
 * while authentication is off
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
