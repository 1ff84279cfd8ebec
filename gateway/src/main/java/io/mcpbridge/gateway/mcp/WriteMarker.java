package io.mcpbridge.gateway.mcp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.api.JsonRpcResponses;
import io.mcpbridge.gateway.cache.CachePolicies;
import io.mcpbridge.gateway.submit.EnvelopeFactory;
import io.mcpbridge.gateway.submit.RequestSubmitter;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Marks the endpoint's tool calls that may change the upstream's state as writes, exactly as the REST
 * API does, so the worker invalidates the cached reads of their entity before replying: a write
 * through the MCP endpoint must not leave the REST API's cache serving the old state. Whether a tool
 * writes comes from the cache policies (configuration, else the upstream's readOnlyHint).
 */
@Component
class WriteMarker {

	/** How long the tools/list that teaches the policies an upstream's annotations may take. */
	private static final Duration TOOLS_LIST_TIMEOUT = Duration.ofSeconds(10);

	private final CachePolicies policies;

	private final EnvelopeFactory envelopes;

	private final RequestSubmitter submitter;

	WriteMarker(CachePolicies policies, EnvelopeFactory envelopes, RequestSubmitter submitter) {
		this.policies = policies;
		this.envelopes = envelopes;
		this.submitter = submitter;
	}

	CompletableFuture<RequestEnvelope> mark(RequestEnvelope request) {
		if (!Methods.TOOLS_CALL.equals(request.method())) {
			return CompletableFuture.completedFuture(request);
		}
		return policies.resolve(request.upstream(), request.tool(), () -> toolsList(request))
			.thenApply(policy -> policy.write() ? request.asWrite() : request);
	}

	private CompletableFuture<JsonNode> toolsList(RequestEnvelope call) {
		RequestEnvelope list = envelopes.create(null, call.tenant(), call.sessionId(), call.upstream(),
				Methods.TOOLS_LIST, null, null, Priority.HIGH, TOOLS_LIST_TIMEOUT);
		return submitter.submit(list).thenApply(JsonRpcResponses::resultOf);
	}

}
