package io.mcpbridge.gateway.call;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.cache.CacheControl;
import io.mcpbridge.gateway.cache.CachePolicies;
import io.mcpbridge.gateway.cache.CacheRequest;
import io.mcpbridge.gateway.cache.ReadCache;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.submit.EnvelopeFactory;
import io.mcpbridge.gateway.submit.RequestSubmitter;
import io.mcpbridge.gateway.submit.Submission;
import io.mcpbridge.gateway.trace.TraceContexts;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The one path of a call through the gateway, whatever its wire format (the REST API and
 * the MCP endpoint are adapters around it). Its stages, in order:
 * <ol>
 * <li>{@link CallGuards}: the checks before anything is read or queued (tenancy, rate
 * limits and circuit-open checks plug in there);</li>
 * <li>{@link CallPolicies}: cacheable, write or bypass, with its reason;</li>
 * <li>the cache ({@link ReadCache}) for a cacheable read; it calls the upstream once on a
 * miss;</li>
 * <li>the queue ({@link RequestSubmitter}) for anything else, or a miss: submit, then
 * follow the request's reply until its deadline;</li>
 * <li>{@link Fallbacks}: the tool's fallback answer when the upstream failed.</li>
 * </ol>
 * The request leaves carrying the trace context of the gateway's request span
 * ({@link TraceContexts}), for the worker and the upstream. Every stage's refusal is a
 * failed future carrying a {@link BridgeException}, never a thrown one, so the adapters
 * answer it in one place each.
 */
@Component
public class CallPipeline {

	private final CallGuards guards;

	private final CallPolicies policies;

	private final ReadCache cache;

	private final CachePolicies cachePolicies;

	private final RequestSubmitter submitter;

	private final Fallbacks fallbacks;

	private final TraceContexts traces;

	private final CallMetrics metrics;

	CallPipeline(CallGuards guards, CallPolicies policies, ReadCache cache, CachePolicies cachePolicies,
			RequestSubmitter submitter, Fallbacks fallbacks, TraceContexts traces, CallMetrics metrics) {
		this.fallbacks = fallbacks;
		this.traces = traces;
		this.metrics = metrics;
		this.guards = guards;
		this.policies = policies;
		this.cache = cache;
		this.cachePolicies = cachePolicies;
		this.submitter = submitter;
	}

	/**
	 * The call's answer: from the cache, or the upstream's result through the queue.
	 * @return fails with a {@link BridgeException} carrying the bridge's or the
	 * upstream's error
	 */
	public CompletableFuture<CacheAnswer> answer(CallContext context, RequestEnvelope call, CallOptions options) {
		RequestEnvelope request = traces.stamp(call);
		try (CallLogContext logged = CallLogContext.of(request)) {
			return metrics.count(request.method(), fallbacks.apply(request,
					decide(context, request, options).thenCompose(policy -> switch (policy.kind()) {
						case CACHEABLE -> cache.lookupOrCall(cacheRequest(request, policy, options.control()),
								() -> submitter.submit(request).thenApply(CallPipeline::resultOf));
						case WRITE -> uncached(request.asWrite(), options);
						case BYPASS -> uncached(request, options);
					})));
		}
	}

	/**
	 * An asynchronous call: completes once the request is in the queue (its id
	 * remembered, so that its result can be fetched by id later).
	 */
	public CompletableFuture<Void> accept(CallContext context, RequestEnvelope call, CallOptions options) {
		RequestEnvelope request = traces.stamp(call);
		try (CallLogContext logged = CallLogContext.of(request)) {
			return metrics.count(request.method(),
					decide(context, request, options).thenCompose(policy -> submitter
						.submit(policy.kind() == CallPolicy.Kind.WRITE ? request.asWrite() : request, true)
						.queued()));
		}
	}

	/** The guards, then the policy. */
	CompletableFuture<CallPolicy> decide(CallContext context, RequestEnvelope request, CallOptions options) {
		try {
			guards.check(context, request);
			return policies.decide(request, options);
		}
		catch (RuntimeException refused) {
			return CompletableFuture.failedFuture(refused);
		}
	}

	private CompletableFuture<CacheAnswer> uncached(RequestEnvelope request, CallOptions options) {
		Submission submission = submitter.submit(request, options.remembered());
		return submission.reply().thenApply(reply -> CacheAnswer.bypassed(resultOf(reply)));
	}

	private static CacheRequest cacheRequest(RequestEnvelope request, CallPolicy policy, CacheControl control) {
		if (Methods.TOOLS_LIST.equals(request.method())) {
			return CacheRequest.toolsList(request.tenant(), request.upstream(), policy.cache(), control);
		}
		return new CacheRequest(request.tenant(), request.upstream(), request.tool(), request.arguments(),
				policy.cache(), control);
	}

	/** The reply's result, or its error as a {@link BridgeException}. */
	public static JsonNode resultOf(ReplyEnvelope reply) {
		if (!reply.isSuccess()) {
			throw BridgeException.fromReply(reply.error(), reply.requestId());
		}
		return reply.result();
	}

	/**
	 * The upstream's tools/list through the cache, for the policies that need its
	 * annotations.
	 */
	@Component
	static class ToolsListFetcher {

		/**
		 * How long the tools/list that teaches the policies an upstream's annotations may
		 * take at most.
		 */
		static final Duration MAX_WAIT = Duration.ofSeconds(10);

		private final ReadCache cache;

		private final CachePolicies cachePolicies;

		private final EnvelopeFactory envelopes;

		private final RequestSubmitter submitter;

		ToolsListFetcher(ReadCache cache, CachePolicies cachePolicies, EnvelopeFactory envelopes,
				RequestSubmitter submitter) {
			this.cache = cache;
			this.cachePolicies = cachePolicies;
			this.envelopes = envelopes;
			this.submitter = submitter;
		}

		/** Within the call's own deadline, and never longer than {@link #MAX_WAIT}. */
		CompletableFuture<JsonNode> fetch(RequestEnvelope call) {
			long leftMs = Math.max(1, call.deadlineEpochMs() - System.currentTimeMillis());
			Duration timeout = Duration.ofMillis(Math.min(leftMs, MAX_WAIT.toMillis()));
			RequestEnvelope list = envelopes.create(null, call.tenant(), call.sessionId(), call.upstream(),
					Methods.TOOLS_LIST, null, null, Priority.HIGH, timeout);
			return cache
				.lookupOrCall(CacheRequest.toolsList(call.tenant(), call.upstream(), cachePolicies.toolsList(),
						CacheControl.NONE), () -> submitter.submit(list).thenApply(CallPipeline::resultOf))
				.thenApply(CacheAnswer::result);
		}

	}

}
