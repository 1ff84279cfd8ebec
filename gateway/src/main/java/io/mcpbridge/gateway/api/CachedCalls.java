package io.mcpbridge.gateway.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.cache.CacheControl;
import io.mcpbridge.gateway.cache.CachePolicies;
import io.mcpbridge.gateway.cache.CachePolicy;
import io.mcpbridge.gateway.cache.CacheRequest;
import io.mcpbridge.gateway.cache.ReadCache;
import io.mcpbridge.gateway.submit.EnvelopeFactory;
import io.mcpbridge.gateway.submit.RequestSubmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Reads through the {@link ReadCache}, for the REST API and the MCP endpoint alike: the upstream is
 * only asked (a request produced to the queue) when no cache level can answer.
 */
@Component
public class CachedCalls {

	private final ReadCache cache;

	private final CachePolicies policies;

	private final EnvelopeFactory envelopes;

	private final RequestSubmitter submitter;

	CachedCalls(ReadCache cache, CachePolicies policies, EnvelopeFactory envelopes, RequestSubmitter submitter) {
		this.cache = cache;
		this.policies = policies;
		this.envelopes = envelopes;
		this.submitter = submitter;
	}

	/** tools/list of the request's upstream. */
	public CompletableFuture<CacheAnswer> toolsList(RequestEnvelope request, CacheControl control) {
		return cache.lookupOrCall(CacheRequest.toolsList(request.tenant(), request.upstream(), policies.toolsList(),
				control), () -> submitter.submit(request).thenApply(JsonRpcResponses::resultOf));
	}

	/**
	 * The policy of the tool {@code call} calls; may first fetch the upstream's tools/list (for its
	 * annotations), through the cache, within {@code timeout}.
	 */
	public CompletableFuture<CachePolicy> policy(RequestEnvelope call, Duration timeout) {
		return policies.resolve(call.upstream(), call.tool(), () -> {
			RequestEnvelope list = envelopes.create(null, call.tenant(), call.sessionId(), call.upstream(),
					Methods.TOOLS_LIST, null, null, Priority.HIGH, timeout);
			return toolsList(list, CacheControl.NONE).thenApply(CacheAnswer::result);
		});
	}

	/** A cacheable tools/call. */
	public CompletableFuture<CacheAnswer> read(RequestEnvelope request, CachePolicy policy, CacheControl control) {
		return cache.lookupOrCall(new CacheRequest(request.tenant(), request.upstream(), request.tool(),
				request.arguments(), policy, control), () -> submitter.submit(request).thenApply(JsonRpcResponses::resultOf));
	}

	/**
	 * The response with the cache's fields ({@code cached}, {@code cache_expires}, {@code stale} when
	 * true) and its {@code Cache-Status} header.
	 */
	static ResponseEntity<JsonNode> respond(ObjectNode body, CacheAnswer answer) {
		body.put("cached", answer.cached());
		body.put("cache_expires", answer.cacheExpires());
		if (answer.stale()) {
			body.put("stale", true);
		}
		return ResponseEntity.ok().header(CacheAnswer.CACHE_STATUS_HEADER, answer.cacheStatus()).body(body);
	}
}
