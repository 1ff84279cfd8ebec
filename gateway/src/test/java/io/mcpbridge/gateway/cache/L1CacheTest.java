package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class L1CacheTest {

	private final CacheStats stats = new CacheStats(new SimpleMeterRegistry());

	private static CacheKey key(String tenant, String entity) {
		return CacheKey.of(new CacheRequest(tenant, "home", "get_entity_state",
				BridgeJson.mapper().readTree("{\"entity_id\":\"" + entity + "\"}"),
				new CachePolicy(Duration.ofSeconds(10), false), CacheControl.NONE));
	}

	private static CachedEntry entry(String state) {
		long now = System.currentTimeMillis();
		return new CachedEntry(BridgeJson.mapper().readTree("{\"state\":\"" + state + "\"}"), now, now + 10_000,
				Map.of());
	}

	@Test
	void itHoldsAtMostItsBoundAndCountsSizeEvictions() {
		L1Cache l1 = new L1Cache(3, Duration.ofSeconds(10), Duration.ZERO, stats);
		for (int i = 0; i < 10; i++) {
			l1.put(key("t", "light.l" + i), entry("on"));
		}
		assertThat(l1.size()).isEqualTo(3);
		assertThat(stats.snapshot().get("evictions")).isEqualTo(Map.of("size", 7L));
	}

	@Test
	void anInvalidationDropsOnlyTheEntriesDependingOnItsFieldsInItsTenant() {
		L1Cache l1 = new L1Cache(100, Duration.ofSeconds(10), Duration.ZERO, stats);
		l1.put(key("t", "light.a"), entry("on"));
		l1.put(key("t", "light.b"), entry("on"));
		l1.put(key("other", "light.a"), entry("on"));

		l1.invalidate("t", "home",
				List.of(CacheDependencies.entityField("light.a"), CacheDependencies.domainField("light"), "a"));

		assertThat(l1.get(key("t", "light.a"))).isEmpty();
		assertThat(l1.get(key("t", "light.b"))).isPresent();
		assertThat(l1.get(key("other", "light.a"))).as("another tenant's entry").isPresent();
		assertThat(stats.snapshot().get("evictions")).isEqualTo(Map.of("invalidated", 1L));
	}

	@Test
	void anEntryLivesNoLongerThanTheL1Ttl() {
		L1Cache l1 = new L1Cache(100, Duration.ZERO, Duration.ZERO, stats);
		l1.put(key("t", "light.a"), entry("on"));
		assertThat(l1.get(key("t", "light.a"))).isEmpty();
	}

	@Test
	void clearDropsEverything() {
		L1Cache l1 = new L1Cache(100, Duration.ofSeconds(10), Duration.ZERO, stats);
		l1.put(key("t", "light.a"), entry("on"));
		l1.clear();
		assertThat(l1.size()).isZero();
	}

}
