package io.mcpbridge.gateway.security;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.call.CallGuard;
import io.mcpbridge.gateway.error.BridgeException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A tenant calls only the upstreams its tenants file entry lists (absent: all): any other
 * is 403 FORBIDDEN before anything is read or queued. First of the guards: a call that
 * may not happen at all should not spend its tenant's rate limit.
 */
@Component
@Order(UpstreamAllowList.ORDER)
class UpstreamAllowList implements CallGuard {

	static final int ORDER = 0;

	private final TenantDirectory tenants;

	UpstreamAllowList(TenantDirectory tenants) {
		this.tenants = tenants;
	}

	@Override
	public void check(CallContext context, RequestEnvelope request) {
		tenants.tenant(context.tenant()).ifPresent(tenant -> {
			if (!tenant.mayUse(request.upstream())) {
				throw new BridgeException(ErrorCode.FORBIDDEN,
						"tenant '" + tenant.id() + "' may not use upstream '" + request.upstream() + "'");
			}
		});
	}

}
