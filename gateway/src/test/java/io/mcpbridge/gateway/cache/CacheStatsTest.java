package io.mcpbridge.gateway.cache;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CacheStatsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CacheStats stats = new CacheStats(registry);

	@Test
	void theSnapshotHasTheHitRateOverallAndPerLevel() {
		stats.miss(CacheStats.Level.L1);
		stats.hit(CacheStats.Level.L2);
		stats.answered(true);
		stats.miss(CacheStats.Level.L1);
		stats.miss(CacheStats.Level.L2);
		stats.answered(false);
		stats.hit(CacheStats.Level.L1);
		stats.answered(true);
		stats.answered(true);

		Map<String, Object> snapshot = stats.snapshot();

		assertThat(snapshot.get("hit_rate")).isEqualTo(0.75);
		assertThat(snapshot.get("hits")).isEqualTo(3L);
		assertThat(snapshot.get("misses")).isEqualTo(1L);
		assertThat(snapshot.get("l1")).isEqualTo(Map.of("hits", 1L, "misses", 2L, "hit_rate", 0.3333, "size", 0L));
		assertThat(snapshot.get("l2")).isEqualTo(Map.of("hits", 1L, "misses", 1L, "hit_rate", 0.5));
	}

	@Test
	void theMetersAreMicrometerCounters() {
		stats.hit(CacheStats.Level.L1);
		stats.evicted(CacheStats.Level.L1, "size");
		stats.redisFailed();

		assertThat(registry.get("mcp.cache.lookups").tag("level", "l1").tag("result", "hit").counter().count())
			.isEqualTo(1.0);
		assertThat(registry.get("mcp.cache.evictions").tag("reason", "size").counter().count()).isEqualTo(1.0);
		assertThat(registry.get("mcp.cache.redis.failures").counter().count()).isEqualTo(1.0);
		assertThat(stats.snapshot().get("evictions")).isEqualTo(Map.of("size", 1L));
	}

	@Test
	void withoutReadsTheHitRateIsZero() {
		assertThat(stats.snapshot().get("hit_rate")).isEqualTo(0.0);
	}

}
