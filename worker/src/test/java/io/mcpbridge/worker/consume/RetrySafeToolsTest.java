package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.pool.PoolFixtures;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class RetrySafeToolsTest {

	private static final JsonNode TOOLS = BridgeJson.mapper().readTree("""
			{"tools":[
			  {"name":"read","annotations":{"readOnlyHint":true}},
			  {"name":"put","annotations":{"readOnlyHint":false,"idempotentHint":true}},
			  {"name":"toggle","annotations":{"readOnlyHint":false,"idempotentHint":false}},
			  {"name":"bare"}
			]}""");

	private final RetrySafeTools tools = new RetrySafeTools(
			PoolFixtures.properties(new Upstream("home", "java", List.of(), Map.of(), null, Duration.ofSeconds(60),
					DataSize.ofMegabytes(16), Duration.ofSeconds(30), Pool.fixed(1), List.of("toggle"), null)));

	@Test
	void readOnlyAndIdempotentAnnotationsAllowARetry() {
		assertThat(tools.allowsRetry("home", "read", () -> TOOLS)).isTrue();
		assertThat(tools.allowsRetry("home", "put", () -> TOOLS)).isTrue();
	}

	@Test
	void aToolWithoutThoseAnnotationsOrUnknownIsNotRetried() {
		assertThat(tools.allowsRetry("other", "toggle", () -> TOOLS)).isFalse();
		assertThat(tools.allowsRetry("home", "bare", () -> TOOLS)).isFalse();
		assertThat(tools.allowsRetry("home", "missing", () -> TOOLS)).isFalse();
	}

	@Test
	void theConfiguredListSettlesItWithoutAskingForToolsList() {
		assertThat(tools.allowsRetry("home", "toggle", () -> {
			throw new AssertionError("tools/list must not be fetched");
		})).isTrue();
	}

	@Test
	void aFailedToolsListMeansNoRetry() {
		assertThat(tools.allowsRetry("home", "read", () -> {
			throw new IllegalStateException("upstream unavailable");
		})).isFalse();
	}

}
