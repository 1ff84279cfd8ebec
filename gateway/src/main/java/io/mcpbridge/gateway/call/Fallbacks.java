package io.mcpbridge.gateway.call;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.error.BridgeException;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The last stage of {@link CallPipeline#answer}: a tool call whose upstream failed (after
 * the cache's stale-if-error had its chance) gets its tool's configured fallback
 * ({@link FallbackProperties}). Only failures of the upstream or of the way to it count:
 * the upstream's errors, an open breaker, timeouts, an unreachable queue. A refusal of
 * the client (bad request, rate limit, authorization) is never hidden behind a fallback.
 * Each fallback answer is counted ({@value #FALLBACKS_COUNTER}).
 */
@Component
class Fallbacks {

	static final String FALLBACKS_COUNTER = "mcp.gateway.fallbacks";

	/** The {@code _meta} key that marks a fallback answer, besides {@code degraded}. */
	static final String DEGRADED_META = "io.mcpbridge/degraded";

	private static final Set<ErrorCode> UPSTREAM_FAILURES = Set.of(ErrorCode.UPSTREAM_ERROR, ErrorCode.UPSTREAM_CRASHED,
			ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.UPSTREAM_CIRCUIT_OPEN, ErrorCode.TIMEOUT,
			ErrorCode.TIMEOUT_IN_QUEUE, ErrorCode.QUEUE_UNAVAILABLE, ErrorCode.OVERLOADED);

	private final Map<String, JsonNode> emptyResults = new HashMap<>();

	private final MeterRegistry meters;

	Fallbacks(FallbackProperties properties, MeterRegistry meters) {
		this.meters = meters;
		properties.tools().forEach((tool, fallback) -> {
			if (fallback.strategy() == FallbackProperties.Strategy.CACHED_OR_EMPTY) {
				ObjectNode empty = (ObjectNode) BridgeJson.mapper().readTree(fallback.emptyResult());
				empty.put("degraded", true);
				empty.putObject("_meta").put(DEGRADED_META, true);
				emptyResults.put(tool, empty);
			}
		});
	}

	CompletableFuture<CacheAnswer> apply(RequestEnvelope request, CompletableFuture<CacheAnswer> answer) {
		if (!Methods.TOOLS_CALL.equals(request.method()) || !emptyResults.containsKey(request.tool())) {
			return answer;
		}
		return answer.exceptionallyCompose(failure -> {
			Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
			if (cause instanceof BridgeException refused && UPSTREAM_FAILURES.contains(refused.code())) {
				meters.counter(FALLBACKS_COUNTER, "tool", request.tool(), "reason", refused.code().name()).increment();
				return CompletableFuture.completedFuture(CacheAnswer.bypassed(emptyResults.get(request.tool())));
			}
			return CompletableFuture.failedFuture(failure);
		});
	}

}
