package io.mcpbridge.gateway.cache;

import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CachedEntryTest {

	private final CachedEntry entry = new CachedEntry(BridgeJson.mapper().readTree("{\"state\":\"on\"}"), 1_000, 11_000,
			Map.of("*", "epoch", CacheDependencies.entityField("light.a"), "3"));

	@Test
	void itRoundTripsThroughItsJson() {
		assertThat(CachedEntry.fromJson(entry.toJson())).isEqualTo(entry);
		assertThat(entry.toJson()).contains("\"fresh_until_ms\":11000", "\"stored_ms\":1000");
	}

	@Test
	void freshnessAndAgeFollowTheClock() {
		assertThat(entry.isFresh(10_999)).isTrue();
		assertThat(entry.isFresh(11_000)).isFalse();
		assertThat(entry.ageMs(4_000)).isEqualTo(3_000);
	}

	@Test
	void itIsValidOnlyUnderTheVersionsItWasReadUnder() {
		List<String> fields = List.of("*", CacheDependencies.entityField("light.a"));
		assertThat(entry.isValidUnder(Versions.of(fields, List.of("epoch", "3")))).isTrue();
		assertThat(entry.isValidUnder(Versions.of(fields, List.of("epoch", "4")))).isFalse();
		assertThat(entry.isValidUnder(Versions.of(fields, List.of("other", "3")))).isFalse();
		assertThat(entry.isValidUnder(null)).as("unknown versions (Redis down)").isFalse();
		CachedEntry withoutEpoch = new CachedEntry(entry.result(), 0, 1,
				Map.of("*", "", CacheDependencies.entityField("light.a"), "3"));
		assertThat(withoutEpoch.isValidUnder(Versions.of(fields, List.of("", "3")))).isFalse();
	}

}
