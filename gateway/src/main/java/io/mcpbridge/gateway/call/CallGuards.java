package io.mcpbridge.gateway.call;

import java.util.List;

import io.mcpbridge.common.RequestEnvelope;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The ordered checks before a call is queued (the first stage of {@link CallPipeline}).
 * Empty today: tenancy, rate limits and circuit-open checks each add one
 * {@link CallGuard} bean. The first guard that refuses ends the call; nothing has been
 * read or queued then.
 */
@Component
class CallGuards {

	private final List<CallGuard> guards;

	CallGuards(ObjectProvider<CallGuard> guards) {
		this.guards = guards.orderedStream().toList();
	}

	void check(CallContext context, RequestEnvelope request) {
		for (CallGuard guard : guards) {
			guard.check(context, request);
		}
	}

	int size() {
		return guards.size();
	}

}
