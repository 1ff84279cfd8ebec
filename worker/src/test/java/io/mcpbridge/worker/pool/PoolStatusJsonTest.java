package io.mcpbridge.worker.pool;

import java.util.List;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status is published as JSON by another component: its names are part of that
 * contract.
 */
class PoolStatusJsonTest {

	@Test
	void theStatusSerializesWithSnakeCaseNamesAndReadsBack() {
		PoolStatus status = new PoolStatus("home", 2, 5, 10, true, 3, 2, 1, 1, 1, 0, 0, 0, 4, 7, 120, 3, 812.5,
				List.of(11L, 12L), List.of(12L), "could not start x", 0, 8, 5);

		JsonNode json = BridgeJson.mapper().valueToTree(status);

		assertThat(json.path("auto_scale").asBoolean()).isTrue();
		assertThat(json.path("waiting_calls").asInt()).isEqualTo(4);
		assertThat(json.path("mean_call_ms").asDouble()).isEqualTo(812.5);
		assertThat(json.path("busy_pids").get(0).asLong()).isEqualTo(12L);
		assertThat(json.path("last_start_failure").asString()).isEqualTo("could not start x");
		assertThat(json.path("consecutive_start_failures").asInt()).isZero();
		assertThat(json.path("max_concurrent_per_process").asInt()).isEqualTo(8);
		assertThat(json.path("in_flight").asInt()).isEqualTo(5);
		assertThat(BridgeJson.mapper().treeToValue(json, PoolStatus.class)).isEqualTo(status);
	}

}
