package io.mcpbridge.gateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.HttpHeaders;
import io.mcpbridge.gateway.call.CallOptions;
import io.mcpbridge.gateway.call.CallPipeline;
import io.mcpbridge.gateway.call.RequestMetrics;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.cache.CacheControl;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.error.ErrorMapping;
import io.mcpbridge.gateway.reply.RequestFollower;
import io.mcpbridge.gateway.security.CallContexts;
import io.mcpbridge.gateway.submit.EnvelopeFactory;
import io.mcpbridge.gateway.submit.ToolPolicies;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Sends one MCP request through the {@link CallPipeline}, like the REST API does (reads
 * the cache can answer never reach the queue), and answers it on the HTTP exchange: a
 * JSON body with a {@code Cache-Status} header, or an SSE stream once the upstream sends
 * something during the call. The servlet thread returns at once; the answer is written
 * when the reply arrives.
 */
@Component
class McpCalls {

	/**
	 * The HTTP exchange outlives the request's deadline by this much, so the deadline's
	 * own answer wins.
	 */
	static final Duration EXCHANGE_MARGIN = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(McpCalls.class);

	private final EnvelopeFactory envelopes;

	private final ToolPolicies policies;

	private final RequestFollower follower;

	private final EventLog events;

	private final RequestCancellations cancellations;

	private final ErrorMapping errors;

	private final RequestMetrics metrics;

	private final CallPipeline pipeline;

	private final StreamScheduler scheduler;

	private final long disconnectCheckMs;

	private final RequestStates states;

	private final CallContexts callers;

	McpCalls(EnvelopeFactory envelopes, ToolPolicies policies, RequestFollower follower, EventLog events,
			RequestCancellations cancellations, RequestMetrics metrics, CallPipeline pipeline,
			StreamScheduler scheduler, RequestStates states, ErrorMapping errors, GatewayProperties properties,
			CallContexts callers) {
		this.callers = callers;
		this.states = states;
		this.scheduler = scheduler;
		this.disconnectCheckMs = properties.mcp().disconnectCheckInterval().toMillis();
		this.metrics = metrics;
		this.pipeline = pipeline;
		this.envelopes = envelopes;
		this.policies = policies;
		this.follower = follower;
		this.events = events;
		this.cancellations = cancellations;
		this.errors = errors;
	}

	void run(McpCall call, HttpServletRequest http) {
		RequestEnvelope request = envelope(call, http);
		// The method is one of a fixed set here (passed-through methods, initialize,
		// server/discover).
		String endpoint = "mcp " + call.method();
		Timer.Sample timing = metrics.start();
		AsyncContext async = http.startAsync();
		long timeoutMs = request.deadlineEpochMs() - System.currentTimeMillis() + EXCHANGE_MARGIN.toMillis();
		// The reply comes through the pipeline; the events the worker pushes come here.
		RequestFollower.EventTap pushed = follower.tapEvents(request.requestId(), call.tenant());
		InputRound round = call.relay().stateless() ? new InputRound(call.tenant(),
				new RequestState(request.requestId(), call.method(),
						StatelessEra.targetOf(call.method(), call.params()), 0, request.deadlineEpochMs(), Map.of()),
				call.clientId(), states, scheduler, pushed::close) : null;
		McpExchange exchange = new McpExchange(async, request.requestId(), call.headers(), timeoutMs,
				context(call, request, round, pushed),
				JsonRpc.error(call.clientId(), JsonRpcCodes.REQUEST_TIMEOUT, "no answer before the deadline", null));
		if (round != null) {
			round.attach(exchange);
		}
		pushed.deliverTo(exchange::onEvent);
		if (call.cancelOnDisconnect()) {
			exchange.heartbeatWith(scheduler.every(disconnectCheckMs, exchange::beat));
		}
		try {
			if (call.sessionId() != null && Methods.PASSED_THROUGH.contains(call.method())) {
				cancellations.remember(call.tenant(), call.sessionId(), call.clientId(), request.requestId(),
						Duration.ofMillis(Math.max(1, request.deadlineEpochMs() - System.currentTimeMillis())));
			}
			CacheControl control = CacheControl.parse(http.getHeader(CacheControl.HEADER));
			pipeline.answer(callers.of(http), request, CallOptions.of(control)).whenComplete((answer, failure) -> {
				pushed.close();
				if (failure == null) {
					metrics.stop(timing, endpoint, 200);
					finish(exchange, round, 200, answer(call, answer, request.requestId()),
							Map.of(CacheAnswer.CACHE_STATUS_HEADER, answer.cacheStatus()));
					return;
				}
				BridgeException bridge = bridgeFailure(failure, request);
				// The upstream's own error is an answer like any other: 200 with a
				// JSON-RPC error.
				metrics.stop(timing, endpoint, bridge.upstreamCode() != null ? 200 : bridge.code().httpStatus());
				if (ErrorMapping.refusedBeforeQueued(bridge.code())) {
					// Refused before it was queued: an HTTP error the client can
					// retry.
					exchange.finish(ErrorMapping.httpStatus(bridge.code()), JsonRpc.error(call.clientId(), bridge),
							errors.headers(bridge));
				}
				else {
					finish(exchange, round, 200, JsonRpc.error(call.clientId(), bridge), Map.of());
				}
			});
		}
		catch (RuntimeException unexpected) {
			pushed.close();
			Optional<BridgeException> store = ErrorMapping.storeFailure(unexpected);
			if (store.isPresent()) {
				log.warn("MCP request {}: Redis unavailable: {}", request.requestId(), unexpected.toString());
				exchange.finish(ErrorMapping.httpStatus(store.get().code()),
						JsonRpc.error(call.clientId(), store.get()), errors.headers(store.get()));
				return;
			}
			log.error("could not submit MCP request {}", request.requestId(), unexpected);
			exchange.finish(500, JsonRpc.error(call.clientId(), JsonRpcCodes.INTERNAL_ERROR, "internal error", null),
					Map.of());
		}
	}

	/**
	 * The answer, through the request's input round when it has one (it may say a
	 * capability was missing).
	 */
	private static void finish(McpExchange exchange, InputRound round, int status, JsonNode answer,
			Map<String, String> headers) {
		if (round == null) {
			exchange.finish(status, answer, headers);
		}
		else {
			round.finish(status, answer, headers);
		}
	}

	/**
	 * The client's answer; a failure to shape it (e.g. Redis down while saving a session)
	 * is an error answer.
	 */
	static JsonNode answer(McpCall call, CacheAnswer answer, String requestId) {
		try {
			return JsonRpc.result(call.clientId(), call.shape().apply(answer.result(), answer));
		}
		catch (RuntimeException ex) {
			log.warn("could not complete the answer to {} ({}): {}", call.method(), requestId, ex.toString());
			return JsonRpc.error(call.clientId(), JsonRpcCodes.INTERNAL_ERROR,
					"the bridge could not complete the answer", null);
		}
	}

	RequestEnvelope envelope(McpCall call, HttpServletRequest http) {
		String tool = null;
		JsonNode arguments = call.params();
		JsonNode meta = null;
		if (Methods.TOOLS_CALL.equals(call.method())) {
			JsonNode name = call.params() == null ? null : call.params().get("name");
			if (name == null || !name.isString() || name.asString().isBlank()) {
				throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, "tools/call needs params.name");
			}
			tool = name.asString();
			arguments = call.params().get("arguments");
			if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
				throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, "params.arguments must be an object");
			}
			meta = call.params().get("_meta");
		}
		try {
			Priority priority = policies.priority(tool, http.getHeader(HttpHeaders.PRIORITY));
			Duration timeout = policies.timeout(tool, http.getHeader(HttpHeaders.TIMEOUT));
			String method = "server/discover".equals(call.method()) ? Methods.INITIALIZE : call.method();
			return envelopes.create(call.tenant(), call.sessionId(), call.upstream(), method, tool, arguments, priority,
					timeout, meta, call.relay(), call.entityHint());
		}
		catch (BridgeException | IllegalArgumentException invalid) {
			throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, invalid.getMessage());
		}
	}

	private McpExchange.Context context(McpCall call, RequestEnvelope request, InputRound round,
			RequestFollower.EventTap pushed) {
		return new McpExchange.Context() {
			@Override
			public List<JsonNode> eventsAfter(long sequence) {
				try {
					return events.after(call.tenant(), call.sessionId(), request.requestId(), sequence);
				}
				catch (RuntimeException ex) {
					log.debug("could not read the events of {}: {}", request.requestId(), ex.toString());
					return List.of();
				}
			}

			@Override
			public void streamStarted() {
				if (call.sessionId() != null) {
					events.rememberClientId(call.tenant(), call.sessionId(), request.requestId(), call.clientId(),
							Duration.ofMillis(Math.max(1, request.deadlineEpochMs() - System.currentTimeMillis()))
								.plus(EXCHANGE_MARGIN));
				}
			}

			@Override
			public boolean divert(JsonNode message, long sequence) {
				return round != null && round.divert(message, sequence);
			}

			@Override
			public void clientGone() {
				pushed.close();
				if (call.cancelOnDisconnect()) {
					cancellations.cancel(call.tenant(), request.requestId(), "the client disconnected");
				}
			}
		};
	}

	private static BridgeException bridgeFailure(Throwable failure, RequestEnvelope request) {
		Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
		if (cause instanceof BridgeException bridge) {
			return bridge;
		}
		Optional<BridgeException> store = ErrorMapping.storeFailure(cause);
		if (store.isPresent()) {
			log.warn("MCP request {}: Redis unavailable: {}", request.requestId(), cause.toString());
			return store.get();
		}
		log.error("MCP request {} failed unexpectedly", request.requestId(), cause);
		return new BridgeException(ErrorCode.INTERNAL_ERROR, "internal error", request.requestId());
	}

}
