package io.mcpbridge.gateway.call;

import io.mcpbridge.common.RequestEnvelope;

/**
 * A check that runs before anything of a call is read from the cache or queued: the place
 * for authorization of an upstream, rate limits, an open circuit. Each is one Spring bean
 * implementing this interface; {@link CallGuards} runs them in their
 * {@link org.springframework.core.annotation.Order} (lowest first), for the REST API and
 * the MCP endpoint alike.
 */
public interface CallGuard {

	/**
	 * @throws io.mcpbridge.gateway.error.BridgeException to refuse the call (e.g.
	 * FORBIDDEN, RATE_LIMITED, UPSTREAM_CIRCUIT_OPEN); the adapters map it to the
	 * client's wire format
	 */
	void check(CallContext context, RequestEnvelope request);

}
