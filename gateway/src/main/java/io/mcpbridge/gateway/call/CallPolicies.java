package io.mcpbridge.gateway.call;

import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.cache.CachePolicies;

import org.springframework.stereotype.Component;

/**
 * The one decision of what a call is, for both adapters:
 * <ul>
 * <li>tools/list (first page): a cacheable read; later pages bypass (the cache holds
 * first pages);</li>
 * <li>tools/call: the tool's {@link CachePolicies policy} (configured, else the
 * upstream's annotations, fetched through the cache when unknown): a write stays a write
 * whatever else holds; a read is cacheable unless the client named the request (a repeat
 * must get the first result), asked for an asynchronous answer, or may be asked for input
 * by the upstream (what the upstream answers may depend on what it asked this client,
 * which must not reach another session);</li>
 * <li>every other method: bypass.</li>
 * </ul>
 */
@Component
class CallPolicies {

	private final CachePolicies cachePolicies;

	private final CallPipeline.ToolsListFetcher toolsLists;

	CallPolicies(CachePolicies cachePolicies, CallPipeline.ToolsListFetcher toolsLists) {
		this.cachePolicies = cachePolicies;
		this.toolsLists = toolsLists;
	}

	CompletableFuture<CallPolicy> decide(RequestEnvelope request, CallOptions options) {
		if (Methods.TOOLS_LIST.equals(request.method())) {
			return CompletableFuture.completedFuture(
					paginated(request) ? CallPolicy.bypass("a later page of tools/list: only first pages are cached")
							: CallPolicy.cacheable("tools/list", cachePolicies.toolsList()));
		}
		if (!Methods.TOOLS_CALL.equals(request.method())) {
			return CompletableFuture.completedFuture(CallPolicy.bypass("only tools/list and tools/call are cached"));
		}
		return cachePolicies.resolve(request.upstream(), request.tool(), () -> toolsLists.fetch(request))
			.thenApply(cache -> {
				if (cache.write()) {
					return CallPolicy.write("the tool may change the upstream's state");
				}
				if (!cache.cacheable()) {
					return CallPolicy.bypass("a read configured not to be cached");
				}
				if (options.idempotent()) {
					return CallPolicy.bypass("a named request: a repeat gets the first result, not a cached one");
				}
				if (options.async()) {
					return CallPolicy.bypass("an asynchronous request: its result is fetched by id");
				}
				if (request.relay().mayAskClient()) {
					return CallPolicy.bypass("the upstream may ask this client for input");
				}
				return CallPolicy.cacheable("a read-only tool", cache);
			});
	}

	/** A page after the first: the cache holds only whole first pages. */
	private static boolean paginated(RequestEnvelope request) {
		return request.arguments() != null && request.arguments().hasNonNull("cursor");
	}

}
