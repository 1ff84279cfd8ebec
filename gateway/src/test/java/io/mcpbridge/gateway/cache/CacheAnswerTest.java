package io.mcpbridge.gateway.cache;

import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CacheAnswerTest {

	private static final CachedEntry ENTRY = new CachedEntry(BridgeJson.mapper().readTree("{\"ok\":true}"), 1_000,
			61_000, Map.of());

	@Test
	void aHitTellsItsLevelAndRemainingFreshness() {
		CacheAnswer hit = CacheAnswer.hit(ENTRY, CacheStats.Level.L2, 11_000);
		assertThat(hit.cached()).isTrue();
		assertThat(hit.cacheStatus()).isEqualTo("mcp-bridge; hit; ttl=50; detail=l2");
		assertThat(hit.cacheExpires()).isEqualTo("1970-01-01T00:01:01Z");
	}

	@Test
	void aStaleAnswerHasANegativeTtlAndTheUpstreamStatus() {
		CacheAnswer stale = CacheAnswer.stale(ENTRY, 504, 63_500);
		assertThat(stale.stale()).isTrue();
		assertThat(stale.cacheStatus())
			.isEqualTo("mcp-bridge; hit; fwd=miss; fwd-status=504; ttl=-3; detail=stale-if-error");
	}

	@Test
	void aForwardedAnswerSaysWhyAndWhetherItWasStored() {
		assertThat(CacheAnswer.forwarded(ENTRY.result(), "miss", ENTRY, false).cacheStatus())
			.isEqualTo("mcp-bridge; fwd=miss; stored");
		assertThat(CacheAnswer.bypassed(ENTRY.result()).cacheStatus()).isEqualTo("mcp-bridge; fwd=bypass");
		assertThat(CacheAnswer.bypassed(ENTRY.result()).cacheExpires()).isNull();
		CacheAnswer collapsed = CacheAnswer.forwarded(ENTRY.result(), "miss", ENTRY, false).asCollapsed();
		assertThat(collapsed.cacheStatus()).isEqualTo("mcp-bridge; fwd=miss; stored; collapsed");
		assertThat(collapsed.asCollapsed()).isEqualTo(collapsed);
	}

}
