package io.mcpbridge.worker.relay;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.mcpbridge.common.Cancellation;

import org.springframework.stereotype.Component;

/**
 * The requests running on this worker that a client may cancel. A cancellation is
 * broadcast to every worker; only the one running the request finds it here. A request
 * still queued was already answered by the gateway (it stores a CANCELLED result, which
 * the worker finds before executing). Bounded by the calls running at once.
 */
@Component
public class Cancellations {

	private final Map<String, CompletableFuture<String>> running = new ConcurrentHashMap<>();

	CompletableFuture<String> register(String tenant, String requestId) {
		CompletableFuture<String> signal = new CompletableFuture<>();
		running.put(key(tenant, requestId), signal);
		return signal;
	}

	void unregister(String tenant, String requestId) {
		running.remove(key(tenant, requestId));
	}

	void cancel(Cancellation cancellation) {
		CompletableFuture<String> signal = running.get(key(cancellation.tenant(), cancellation.requestId()));
		if (signal != null) {
			signal.complete(cancellation.reason() == null ? "cancelled by the client" : cancellation.reason());
		}
	}

	private static String key(String tenant, String requestId) {
		return tenant + "/" + requestId;
	}

}
