package io.mcpbridge.gateway.security;

import io.mcpbridge.common.tenants.Tenant;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.config.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one place where an authenticated caller becomes the {@link CallContext} of its
 * calls, for the REST API and the MCP endpoint alike: tenant and owner from the API key
 * or JWT; in open mode, {@code bridge.default-tenant} and no owner. Read on the request's
 * own thread (before any asynchronous step).
 */
@Component
public class CallContexts {

	private final String defaultTenant;

	private final TenantDirectory tenants;

	CallContexts(GatewayProperties properties, TenantDirectory tenants) {
		this.defaultTenant = properties.defaultTenant();
		this.tenants = tenants;
	}

	/** The caller of this request as its calls see it. */
	public CallContext of(HttpServletRequest request) {
		CallerAuthentication caller = caller(request);
		if (caller == null) {
			return CallContext.of(defaultTenant, request.getRemoteAddr());
		}
		return new CallContext(caller.tenant(), caller.owner(), request.getRemoteAddr(), null);
	}

	/**
	 * Whether this request may see every tenant ({@code /mcp/status}): an operator
	 * tenant's caller, or anyone in open mode (one tenant only).
	 */
	public boolean seesAllTenants(HttpServletRequest request) {
		CallerAuthentication caller = caller(request);
		return caller == null || caller.operator()
				|| tenants.tenant(caller.tenant()).map(Tenant::operator).orElse(false);
	}

	private static CallerAuthentication caller(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof CallerAuthentication caller) {
			return caller;
		}
		return request.getUserPrincipal() instanceof CallerAuthentication caller ? caller : null;
	}

}
