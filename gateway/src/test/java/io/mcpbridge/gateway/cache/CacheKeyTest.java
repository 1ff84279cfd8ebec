package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CacheKeyTest {

	private static final CachePolicy ALL_ARGUMENTS = new CachePolicy(Duration.ofSeconds(60), false);

	private static JsonNode json(String text) {
		return BridgeJson.mapper().readTree(text);
	}

	private static CacheKey key(String tenant, String tool, String arguments, CachePolicy policy) {
		return CacheKey.of(new CacheRequest(tenant, "home", tool, json(arguments), policy, CacheControl.NONE));
	}

	@Test
	void argumentKeyOrderAndWhitespaceDoNotChangeTheKey() {
		CacheKey compact = key("acme", "get_history", "{\"entity_id\":\"switch.tv\",\"start\":\"2000\"}",
				ALL_ARGUMENTS);
		CacheKey reordered = key("acme", "get_history", "{ \"start\" : \"2000\",\n\"entity_id\": \"switch.tv\" }",
				ALL_ARGUMENTS);
		assertThat(reordered.redisKey()).isEqualTo(compact.redisKey());
	}

	@Test
	void twoTenantsNeverShareAnEntry() {
		CacheKey acme = key("acme", "get_entities", "{\"domain\":\"light\"}", ALL_ARGUMENTS);
		CacheKey other = key("other", "get_entities", "{\"domain\":\"light\"}", ALL_ARGUMENTS);
		assertThat(acme.redisKey()).isNotEqualTo(other.redisKey()).startsWith("mcp:{acme}:cache:home:get_entities:");
		assertThat(other.redisKey()).startsWith("mcp:{other}:");
		assertThat(acme.versionsKey()).isNotEqualTo(other.versionsKey()).startsWith("mcp:{acme}:");
	}

	@Test
	void differentArgumentsOrToolsAreDifferentEntries() {
		assertThat(key("t", "get_entities", "{\"domain\":\"light\"}", ALL_ARGUMENTS).redisKey())
			.isNotEqualTo(key("t", "get_entities", "{\"domain\":\"switch\"}", ALL_ARGUMENTS).redisKey())
			.isNotEqualTo(key("t", "get_services", "{\"domain\":\"light\"}", ALL_ARGUMENTS).redisKey());
	}

	@Test
	void everyArgumentIsPartOfTheKey() {
		// A call with an argument the upstream refuses must not get the cached success of
		// the call without it (issue 12: get_entity_state cached by entity_id alone).
		assertThat(
				key("t", "get_entity_state", "{\"entity_id\":\"light.a\",\"bogus\":\"x\"}", ALL_ARGUMENTS).redisKey())
			.isNotEqualTo(key("t", "get_entity_state", "{\"entity_id\":\"light.a\"}", ALL_ARGUMENTS).redisKey());
	}

	@Test
	void anEntryDependsOnItsEntityOrDomainAndTheToolsListOnlyOnTheEpoch() {
		assertThat(key("t", "get_entity_state", "{\"entity_id\":\"light.a\"}", ALL_ARGUMENTS).dependencies())
			.contains(CacheDependencies.entityField("light.a"));
		assertThat(key("t", "get_entities", "{\"domain\":\"light\"}", ALL_ARGUMENTS).dependencies())
			.contains(CacheDependencies.domainField("light"));
		CacheKey tools = CacheKey.of(CacheRequest.toolsList("t", "home", ALL_ARGUMENTS, CacheControl.NONE));
		assertThat(tools.redisKey()).isEqualTo("mcp:{t}:cache:home:tools/list");
		assertThat(tools.dependencies()).containsExactly("*");
	}

	@Test
	void eachVersionSnapshotHasItsOwnLock() {
		CacheKey key = key("t", "get_entities", "{}", ALL_ARGUMENTS);
		Versions before = Versions.of(key.dependencies(), List.of("epoch", "", ""));
		Versions after = Versions.of(key.dependencies(), List.of("epoch", "", "1"));
		assertThat(key.lockKey(before)).startsWith(key.redisKey() + ":lock:").isNotEqualTo(key.lockKey(after));
		assertThat(key.lockKey(before))
			.isEqualTo(key.lockKey(Versions.of(key.dependencies(), List.of("epoch", "", ""))));
	}

}
