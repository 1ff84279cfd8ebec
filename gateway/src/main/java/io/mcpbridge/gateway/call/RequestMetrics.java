package io.mcpbridge.gateway.call;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The request-duration histogram {@code mcp_bridge_request_duration_seconds}, with the
 * seed's buckets (0.1, 0.5, 1, 2.5, 5, 10 s), tagged by endpoint and outcome (HTTP
 * status).
 */
@Component
public class RequestMetrics {

	/** The timer's name; {@code /mcp/status} reads its performance section from it. */
	public static final String NAME = "mcp.bridge.request.duration";

	private static final Duration[] SEED_BUCKETS = { Duration.ofMillis(100), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

	private final MeterRegistry registry;

	RequestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Records the time until the response is known, whether it succeeds or fails. */
	public <T> CompletableFuture<ResponseEntity<T>> time(String endpoint,
			CompletableFuture<ResponseEntity<T>> response) {
		Timer.Sample sample = Timer.start(registry);
		return response.whenComplete((entity, failure) -> sample.stop(timer(endpoint, status(entity, failure))));
	}

	/** Starts timing a request answered outside Spring MVC (the MCP endpoint). */
	public Timer.Sample start() {
		return Timer.start(registry);
	}

	/**
	 * Stops timing it; {@code endpoint} must come from a bounded set (never the client's
	 * raw method).
	 */
	public void stop(Timer.Sample sample, String endpoint, int status) {
		sample.stop(timer(endpoint, status));
	}

	private Timer timer(String endpoint, int status) {
		return Timer.builder(NAME)
			.description("Time from accepting an HTTP request to knowing its response")
			.tag("endpoint", endpoint)
			.tag("status", Integer.toString(status))
			.serviceLevelObjectives(SEED_BUCKETS)
			.register(registry);
	}

	private static int status(ResponseEntity<?> entity, Throwable failure) {
		if (entity != null) {
			return entity.getStatusCode().value();
		}
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
				: failure;
		return cause instanceof BridgeException bridge ? bridge.code().httpStatus()
				: ErrorCode.INTERNAL_ERROR.httpStatus();
	}

}
