package io.mcpbridge.gateway.call;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import tools.jackson.databind.JsonNode;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.cache.CacheControl;
import io.mcpbridge.gateway.cache.CachePolicies;
import io.mcpbridge.gateway.cache.CachePolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class CallPoliciesTest {

	private static final CachePolicy READ = new CachePolicy(Duration.ofMinutes(1), false);

	private final CachePolicies cachePolicies = mock(CachePolicies.class);

	private final CallPolicies policies = new CallPolicies(cachePolicies, mock(CallPipeline.ToolsListFetcher.class));

	@Test
	void aReadOnlyToolIsCacheable() {
		assertThat(decide(READ, CallOptions.of(CacheControl.NONE)).kind()).isEqualTo(CallPolicy.Kind.CACHEABLE);
	}

	@Test
	void aWriteStaysAWriteEvenWhenNamedOrAsynchronous() {
		assertThat(decide(CachePolicy.WRITE, new CallOptions(true, true, CacheControl.NONE)).kind())
			.isEqualTo(CallPolicy.Kind.WRITE);
	}

	@Test
	void aNamedReadBypassesTheCacheSoThatARepeatGetsTheFirstResult() {
		CallPolicy policy = decide(READ, new CallOptions(true, false, CacheControl.NONE));
		assertThat(policy.kind()).isEqualTo(CallPolicy.Kind.BYPASS);
		assertThat(policy.reason()).contains("named");
	}

	@Test
	void anAsynchronousReadBypassesTheCache() {
		assertThat(decide(READ, new CallOptions(false, true, CacheControl.NONE)).kind())
			.isEqualTo(CallPolicy.Kind.BYPASS);
	}

	@Test
	void aReadConfiguredUncachedBypassesWithoutInvalidating() {
		assertThat(decide(CachePolicy.UNCACHED_READ, CallOptions.of(CacheControl.NONE)).kind())
			.isEqualTo(CallPolicy.Kind.BYPASS);
	}

	@Test
	void toolsListIsCacheableButALaterPageIsNot() {
		RequestEnvelope first = request(Methods.TOOLS_LIST, null, null);
		RequestEnvelope later = request(Methods.TOOLS_LIST, null, BridgeJson.mapper().readTree("{\"cursor\":\"2\"}"));
		when(cachePolicies.toolsList()).thenReturn(READ);
		assertThat(policies.decide(first, CallOptions.of(CacheControl.NONE)).join().kind())
			.isEqualTo(CallPolicy.Kind.CACHEABLE);
		assertThat(policies.decide(later, CallOptions.of(CacheControl.NONE)).join().kind())
			.isEqualTo(CallPolicy.Kind.BYPASS);
	}

	@Test
	void otherMethodsBypass() {
		RequestEnvelope ping = request("resources/read", null, null);
		assertThat(policies.decide(ping, CallOptions.of(CacheControl.NONE)).join().kind())
			.isEqualTo(CallPolicy.Kind.BYPASS);
	}

	private CallPolicy decide(CachePolicy toolPolicy, CallOptions options) {
		when(cachePolicies.resolve(eq("home"), eq("get_state"), any()))
			.thenReturn(CompletableFuture.completedFuture(toolPolicy));
		RequestEnvelope call = request(Methods.TOOLS_CALL, "get_state", BridgeJson.mapper().readTree("{}"));
		return policies.decide(call, options).join();
	}

	private static RequestEnvelope request(String method, String tool, JsonNode arguments) {
		long now = System.currentTimeMillis();
		return new RequestEnvelope("r-1", "t", "s", "home", method, tool, arguments, Priority.HIGH, now + 5000, "gw",
				"s", Map.of(), now);
	}

}
