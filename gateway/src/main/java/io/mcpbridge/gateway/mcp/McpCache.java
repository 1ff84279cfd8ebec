package io.mcpbridge.gateway.mcp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.api.CachedCalls;
import io.mcpbridge.gateway.api.JsonRpcResponses;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.cache.CacheControl;
import io.mcpbridge.gateway.submit.RequestSubmitter;

import org.springframework.stereotype.Component;

/**
 * The endpoint's requests through the two-level cache, with the REST API's rules and entries: a
 * tools/list, and a tools/call of a tool whose policy makes it a cacheable read, may be answered
 * without reaching the queue; a call of a tool that may write is marked, so the worker invalidates
 * the cached reads of its entity before replying. Every other method goes straight to the queue.
 * <p>
 * A client the upstream may ask for input (it declared sampling, elicitation or roots) gets its tool
 * calls answered live and never cached: what the upstream answers may depend on what it asked that
 * client (get-roots-list, say), which must not reach another session.
 */
@Component
class McpCache {

	/** How long the tools/list that teaches the policies an upstream's annotations may take. */
	private static final Duration TOOLS_LIST_TIMEOUT = Duration.ofSeconds(10);

	private final CachedCalls cachedCalls;

	private final RequestSubmitter submitter;

	McpCache(CachedCalls cachedCalls, RequestSubmitter submitter) {
		this.cachedCalls = cachedCalls;
		this.submitter = submitter;
	}

	/**
	 * The request's answer; fails with a {@link io.mcpbridge.gateway.error.BridgeException} carrying the
	 * bridge's or the upstream's error.
	 */
	CompletableFuture<CacheAnswer> answer(RequestEnvelope request, CacheControl control) {
		if (Methods.TOOLS_LIST.equals(request.method()) && !paginated(request)) {
			return cachedCalls.toolsList(request, control);
		}
		if (!Methods.TOOLS_CALL.equals(request.method())) {
			return uncached(request);
		}
		return cachedCalls.policy(request, TOOLS_LIST_TIMEOUT).thenCompose(policy -> {
			if (policy.write()) {
				return uncached(request.asWrite());
			}
			return policy.cacheable() && !request.relay().mayAskClient() ? cachedCalls.read(request, policy, control) : uncached(request);
		});
	}

	private CompletableFuture<CacheAnswer> uncached(RequestEnvelope request) {
		return submitter.submit(request)
			.thenApply(reply -> CacheAnswer.bypassed(JsonRpcResponses.resultOf(reply)));
	}

	/** A page after the first: the cache holds only whole first pages. */
	private static boolean paginated(RequestEnvelope request) {
		return request.arguments() != null && request.arguments().hasNonNull("cursor");
	}
}
