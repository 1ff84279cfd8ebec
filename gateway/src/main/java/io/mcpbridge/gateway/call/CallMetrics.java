package io.mcpbridge.gateway.call;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.gateway.error.BridgeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The seed's request and error counters, counted once per call in the pipeline whatever
 * the adapter: {@code mcp_bridge_requests_total{method,outcome}} (outcome {@code success}
 * or the error code) and {@code mcp_bridge_errors_total{type,severity}} (type the error
 * code, severity {@code client} for a 4xx code, {@code server} for a 5xx one). Labels
 * come from fixed sets (the supported methods, {@link ErrorCode}); counters are built
 * once per label set.
 */
@Component
class CallMetrics {

	static final String REQUESTS = "mcp.bridge.requests";

	static final String ERRORS = "mcp.bridge.errors";

	private final MeterRegistry registry;

	private final Map<Labels, Counter> requests = new ConcurrentHashMap<>();

	private final Map<ErrorCode, Counter> errors = new ConcurrentHashMap<>();

	CallMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Counts the call when its answer is known. */
	<T> CompletableFuture<T> count(String method, CompletableFuture<T> answer) {
		String knownMethod = Methods.SUPPORTED.contains(method) ? method : "unsupported";
		answer.whenComplete((result, failure) -> {
			ErrorCode code = failure == null ? null : codeOf(failure);
			requests.computeIfAbsent(new Labels(knownMethod, code), this::requestCounter).increment();
			if (code != null) {
				errors.computeIfAbsent(code, this::errorCounter).increment();
			}
		});
		return answer;
	}

	private static ErrorCode codeOf(Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
				: failure;
		return cause instanceof BridgeException bridge ? bridge.code() : ErrorCode.INTERNAL_ERROR;
	}

	private Counter requestCounter(Labels labels) {
		return Counter.builder(REQUESTS)
			.description("Calls through the gateway's pipeline, by MCP method and outcome")
			.tag("method", labels.method())
			.tag("outcome", labels.code() == null ? "success" : name(labels.code()))
			.register(registry);
	}

	private Counter errorCounter(ErrorCode code) {
		return Counter.builder(ERRORS)
			.description("Calls that ended in an error, by error code")
			.tag("type", name(code))
			.tag("severity", code.httpStatus() < 500 ? "client" : "server")
			.register(registry);
	}

	private static String name(ErrorCode code) {
		return code.name().toLowerCase(Locale.ROOT);
	}

	private record Labels(String method, ErrorCode code) {
	}

}
