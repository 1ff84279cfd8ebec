package io.mcpbridge.worker.consume;

import java.time.Instant;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.pool.UpstreamPools;
import io.mcpbridge.worker.resilience.UpstreamBreakers;
import io.mcpbridge.worker.resilience.UpstreamRetries;
import io.mcpbridge.worker.stdio.CallListener;
import io.mcpbridge.worker.trace.WorkerTracing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Runs the MCP methods a worker supports against the upstream's pool. Params and results
 * pass through as JSON, so fields of protocol revisions the bridge does not know about
 * survive. Every call goes through the upstream's circuit breaker
 * ({@link UpstreamBreakers}) and is a span of the request's trace, whose context a
 * tools/call passes to the server in {@code params._meta}.
 * <p>
 * A read (a tools/call the gateway did not mark as a write and that
 * {@link RetrySafeTools} says is safe to repeat, or tools/list) is retried after a
 * transport-level failure ({@link UpstreamRetries}: backoff, within the deadline); a
 * retried tool result says how many times in {@code _meta} {@value #RETRIES_META}. A
 * write is never retried: after a transport failure or a crash of its process
 * (UPSTREAM_CRASHED) the failure is the answer, since whether it had its effect is
 * unknown.
 */
@Component
class UpstreamMethods {

	/** The {@code _meta} key of a tool result that took retries: how many. */
	static final String RETRIES_META = "io.mcpbridge/retries";

	/**
	 * The {@code _meta} key of a tools/call that carries the bridge's request id to the
	 * upstream: a server's own log can then tell which request ran, and how many times
	 * (the fault suite checks that no write ran twice by home-sim's call log).
	 */
	static final String REQUEST_ID_META = "io.mcpbridge/requestId";

	/**
	 * A method's result; {@code cacheExpiresEpochMs} is set when it came from the
	 * worker's cache.
	 */
	record Result(JsonNode result, Long cacheExpiresEpochMs) {

		static Result fresh(JsonNode result) {
			return new Result(result, null);
		}
	}

	private final UpstreamPools pools;

	private final ToolsCache toolsCache;

	private final RetrySafeTools retrySafeTools;

	private final UpstreamBreakers breakers;

	private final UpstreamRetries retries;

	private final WorkerTracing tracing;

	UpstreamMethods(UpstreamPools pools, ToolsCache toolsCache, RetrySafeTools retrySafeTools,
			UpstreamBreakers breakers, UpstreamRetries retries, WorkerTracing tracing) {
		this.tracing = tracing;
		this.pools = pools;
		this.toolsCache = toolsCache;
		this.retrySafeTools = retrySafeTools;
		this.breakers = breakers;
		this.retries = retries;
	}

	Result execute(RequestEnvelope request, CallListener listener) {
		return switch (request.method()) {
			// The real upstream's answer to the handshake, so clients see its
			// capabilities and identity.
			case Methods.INITIALIZE -> Result.fresh(pools.initializeResult(request.upstream()).deepCopy());
			case Methods.TOOLS_LIST -> listTools(request, listener);
			case Methods.TOOLS_CALL -> Result.fresh(callTool(request, listener));
			default -> {
				if (!Methods.PASSED_THROUGH.contains(request.method())) {
					throw new InvalidRequestException("unsupported method: " + request.method());
				}
				yield Result.fresh(call(request, request.method(), request.arguments(), listener));
			}
		};
	}

	private Result listTools(RequestEnvelope request, CallListener listener) {
		if (Methods.TOOLS_LIST.equals(request.method()) && request.arguments() != null
				&& request.arguments().has("cursor")) {
			// A later page: the cache holds the first page only.
			return Result.fresh(call(request, Methods.TOOLS_LIST, request.arguments(), listener));
		}
		long now = System.currentTimeMillis();
		var cached = toolsCache.get(request.upstream(), now);
		if (cached.isPresent()) {
			return new Result(cached.get().tools(), cached.get().expiresEpochMs());
		}
		JsonNode result = retries
			.run(request.upstream(), request.deadlineEpochMs(), () -> true,
					() -> call(request, Methods.TOOLS_LIST, null, listener))
			.value();
		toolsCache.put(request.upstream(), result, now);
		return Result.fresh(result);
	}

	private JsonNode callTool(RequestEnvelope request, CallListener listener) {
		JsonNode params = toolCallParams(request);
		if (!request.write()) {
			UpstreamRetries.Attempted<JsonNode> attempted = retries.run(request.upstream(), request.deadlineEpochMs(),
					() -> retrySafeTools.allowsRetry(request.upstream(), request.tool(),
							() -> listTools(request, CallListener.NONE).result()),
					() -> call(request, Methods.TOOLS_CALL, params, listener));
			return withRetries(attempted.value(), attempted.retries());
		}
		// A write is never repeated, not even after a crash: whether it had its effect is
		// unknown.
		return call(request, Methods.TOOLS_CALL, params, listener);
	}

	private JsonNode call(RequestEnvelope request, String method, JsonNode params, CallListener listener) {
		return breakers.call(request.upstream(), () -> traced(request, method, params, listener));
	}

	private JsonNode traced(RequestEnvelope request, String method, JsonNode params, CallListener listener) {
		try (WorkerTracing.Step upstreamCall = tracing.step("upstream call")) {
			try {
				// The tenant's own processes when its upstream-env gives the upstream
				// variables.
				return pools.execute(request.tenant(), request.upstream(),
						Instant.ofEpochMilli(request.deadlineEpochMs()), method, upstreamCall.withMeta(method, params),
						listener);
			}
			catch (RuntimeException failure) {
				upstreamCall.failed(failure);
				throw failure;
			}
		}
	}

	/** The result, with its retry count in {@code _meta} when it took retries. */
	static JsonNode withRetries(JsonNode result, int retries) {
		if (retries == 0 || !(result instanceof ObjectNode object)) {
			return result;
		}
		JsonNode meta = object.get("_meta");
		ObjectNode metaObject = meta instanceof ObjectNode existing ? existing : object.putObject("_meta");
		metaObject.put(RETRIES_META, retries);
		return object;
	}

	/**
	 * The params of a tools/call: the client's {@code _meta} entries (a copy) plus the
	 * request id, which replaces a client's entry of the same name.
	 */
	static JsonNode toolCallParams(RequestEnvelope request) {
		JsonNode arguments = request.arguments();
		if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
			throw new InvalidRequestException("tool arguments must be a JSON object");
		}
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("name", request.tool());
		params.set("arguments",
				arguments == null || arguments.isNull() ? BridgeJson.mapper().createObjectNode() : arguments);
		ObjectNode meta = params.putObject("_meta");
		if (request.meta() instanceof ObjectNode clientMeta) {
			meta.setAll(clientMeta);
		}
		meta.put(REQUEST_ID_META, request.requestId());
		return params;
	}

}
