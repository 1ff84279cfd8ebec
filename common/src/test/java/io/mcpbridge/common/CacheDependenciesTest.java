package io.mcpbridge.common;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheDependenciesTest {

	private static JsonNode json(String text) {
		return BridgeJson.mapper().readTree(text);
	}

	@Test
	void aReadOfOneEntityDependsOnThatEntity() {
		assertThat(CacheDependencies.ofRead(json("{\"entity_id\":\"light.kitchen\"}"))).containsExactly("*", "w",
				CacheDependencies.entityField("light.kitchen"));
	}

	@Test
	void aListDependsOnItsDomainOrOnAllEntities() {
		assertThat(CacheDependencies.ofRead(json("{\"domain\":\"light\"}"))).containsExactly("*", "w",
				CacheDependencies.domainField("light"));
		assertThat(CacheDependencies.ofRead(json("{}"))).containsExactly("*", "w", "a");
		assertThat(CacheDependencies.ofRead(null)).containsExactly("*", "w", "a");
	}

	@Test
	void aWriteOnAnEntityTouchesItsEntityItsDomainAndAllEntityLists() {
		JsonNode turnOn = json("{\"domain\":\"light\",\"service\":\"turn_on\",\"entity_id\":\"light.kitchen\"}");
		assertThat(CacheDependencies.ofWrite(turnOn)).containsExactly(CacheDependencies.entityField("light.kitchen"),
				CacheDependencies.domainField("light"), "a");
	}

	@Test
	void everyReadThatAWriteCouldChangeSharesAFieldWithIt() {
		var write = CacheDependencies.ofWrite(json("{\"entity_id\":\"light.kitchen\"}"));
		assertThat(CacheDependencies.ofRead(json("{\"entity_id\":\"light.kitchen\"}"))).containsAnyElementsOf(write);
		assertThat(CacheDependencies.ofRead(json("{\"domain\":\"light\"}"))).containsAnyElementsOf(write);
		assertThat(CacheDependencies.ofRead(json("{}"))).containsAnyElementsOf(write);
		assertThat(CacheDependencies.ofRead(json("{\"domain\":\"switch\"}"))).doesNotContainAnyElementsOf(write);
		assertThat(CacheDependencies.ofRead(json("{\"entity_id\":\"light.hall\"}"))).doesNotContainAnyElementsOf(write);
	}

	@Test
	void aWriteWithoutEntityTouchesEveryToolReadButNotTheToolsList() {
		var write = CacheDependencies.ofWrite(json("{\"name\":\"morning\"}"));
		assertThat(write).containsExactly("w");
		assertThat(CacheDependencies.ofRead(json("{\"entity_id\":\"light.hall\"}"))).containsAnyElementsOf(write);
		assertThat(CacheDependencies.ofToolsList()).doesNotContainAnyElementsOf(write);
	}

	@Test
	void anInvalidationMessageRoundTripsAndRefusesAForeignTenantName() {
		CacheInvalidation message = new CacheInvalidation("acme", "home",
				List.of(CacheDependencies.entityField("light.a"), CacheDependencies.domainField("light"), "a"));
		String json = BridgeJson.mapper().writeValueAsString(message);
		assertThat(BridgeJson.mapper().readValue(json, CacheInvalidation.class)).isEqualTo(message);
		assertThat(BridgeJson.mapper()
			.readValue("{\"tenant\":\"t\",\"upstream\":\"u\",\"later\":1}", CacheInvalidation.class)
			.fields()).isEmpty();
		assertThatThrownBy(() -> new CacheInvalidation("a}b", "home", List.of()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theDomainIsThePrefixBeforeTheFirstDot() {
		assertThat(CacheDependencies.domainOf("sensor.kitchen.temp")).isEqualTo("sensor");
		assertThat(CacheDependencies.domainOf("weird")).isEqualTo("weird");
	}

	@Test
	void clientChosenIdsNeverGrowTheVersionHashPastItsBuckets() {
		Set<String> fields = new HashSet<>();
		for (int i = 0; i < 50_000; i++) {
			fields.addAll(CacheDependencies.ofWrite(json("{\"entity_id\":\"light.e" + i + "\"}")));
			fields.addAll(CacheDependencies.ofRead(json("{\"domain\":\"d" + i + "\"}")));
		}
		assertThat(fields)
			.hasSizeLessThanOrEqualTo(CacheDependencies.ENTITY_BUCKETS + CacheDependencies.DOMAIN_BUCKETS + 3);
		assertThat(CacheDependencies.entityField("light.a")).isEqualTo(CacheDependencies.entityField("light.a"));
	}

}
