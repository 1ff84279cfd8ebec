package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CachePoliciesTest {

	/** home-sim's annotations, in tools/list's shape. */
	private static final JsonNode TOOLS = BridgeJson.mapper()
		.readTree("{\"tools\":[{\"name\":\"get_history\",\"annotations\":{\"readOnlyHint\":true}},"
				+ "{\"name\":\"create_automation\",\"annotations\":{\"readOnlyHint\":false}},"
				+ "{\"name\":\"get_entity_state\",\"annotations\":{\"readOnlyHint\":true}},"
				+ "{\"name\":\"no_annotations\"}]}");

	private final CachePolicies policies = new CachePolicies(TestProperties.defaults());

	private final AtomicInteger fetches = new AtomicInteger();

	private CachePolicy resolve(String tool) {
		return policies.resolve("home", tool, () -> {
			fetches.incrementAndGet();
			return CompletableFuture.completedFuture(TOOLS);
		}).join();
	}

	@Test
	void theSeedsPoliciesComeFromConfiguration() {
		assertThat(resolve("get_entity_state")).isEqualTo(new CachePolicy(Duration.ofSeconds(10), false));
		assertThat(resolve("get_entities").ttl()).isEqualTo(Duration.ofSeconds(60));
		assertThat(resolve("call_service")).isEqualTo(CachePolicy.WRITE);
		assertThat(policies.toolsList().ttl()).isEqualTo(Duration.ofHours(1));
		assertThat(fetches).as("configured tools need no annotations").hasValue(0);
	}

	@Test
	void anUnconfiguredReadOnlyToolGetsTheDefaultTtl() {
		CachePolicy history = resolve("get_history");
		assertThat(history.cacheable()).isTrue();
		assertThat(history.ttl()).isEqualTo(Duration.ofSeconds(300));
		assertThat(fetches).hasValue(1);
	}

	@Test
	void anyOtherUnconfiguredToolIsAWrite() {
		assertThat(resolve("create_automation")).isEqualTo(CachePolicy.WRITE);
		assertThat(resolve("no_annotations")).isEqualTo(CachePolicy.WRITE);
		assertThat(resolve("not_listed")).isEqualTo(CachePolicy.WRITE);
		assertThat(fetches).as("the tools list is fetched once, then known").hasValue(1);
	}

	@Test
	void withoutTheToolsListAToolIsTreatedAsAWrite() {
		CachePolicy policy = policies
			.resolve("home", "get_history",
					() -> CompletableFuture.failedFuture(new BridgeException(ErrorCode.TIMEOUT, "no")))
			.join();
		assertThat(policy).isEqualTo(CachePolicy.WRITE);
	}

	@Test
	void aToolConfiguredNeverCachedIsAReadWhenTheUpstreamSaysItOnlyReads() {
		policies.learn("home", BridgeJson.mapper()
			.readTree("{\"tools\":[{\"name\":\"call_service\",\"annotations\":{\"readOnlyHint\":true}}]}"));
		assertThat(resolve("call_service")).isEqualTo(CachePolicy.UNCACHED_READ);
		assertThat(CachePolicy.UNCACHED_READ.cacheable()).isFalse();
	}

}
