package io.mcpbridge.gateway.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.WorkerReport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamTotalsTest {

	@Test
	void countsAreSummedOverWorkersAndEachWorkersPoolIsKeptAsReported() {
		WorkerReport first = report("w-1",
				Map.of("home", "{\"size\":2,\"live\":2,\"idle\":1,\"calls\":10,\"errors\":1,\"pids\":[11,12],"
						+ "\"processes_by_state\":{\"healthy\":1,\"busy\":1}}"));
		WorkerReport second = report("w-2", Map
			.of("home", "{\"size\":2,\"live\":1,\"idle\":1,\"calls\":5,\"errors\":0,\"pids\":[21],"
					+ "\"processes_by_state\":{\"healthy\":1,\"restarting\":1},\"last_start_failure\":\"ENOENT\"}"));

		JsonNode home = UpstreamTotals.of(List.of(first, second)).get("home");

		assertThat(home.get("workers").asInt()).isEqualTo(2);
		assertThat(home.get("live").asLong()).isEqualTo(3);
		assertThat(home.get("idle").asLong()).isEqualTo(2);
		assertThat(home.get("calls").asLong()).isEqualTo(15);
		assertThat(home.get("errors").asLong()).isEqualTo(1);
		JsonNode byState = home.get("processes_by_state");
		assertThat(byState.properties()).hasSize(3);
		assertThat(byState.get("healthy").asLong()).isEqualTo(2);
		assertThat(byState.get("busy").asLong()).isEqualTo(1);
		assertThat(byState.get("restarting").asLong()).isEqualTo(1);
		assertThat(home.has("pids")).as("lists stay per worker").isFalse();
		assertThat(home.get("by_worker").get("w-2").get("last_start_failure").asString()).isEqualTo("ENOENT");
		assertThat(home.get("by_worker").get("w-1").get("pids")).hasSize(2);
		assertThat(home.properties().stream().map(Map.Entry::getKey).toList()).startsWith("workers")
			.endsWith("by_worker");
	}

	@Test
	void timesAndDecimalsAreNotSummed() {
		WorkerReport first = report("w-1", Map.of("home", "{\"last_restart_ms\":1000,\"mean_call\":2.5}"));
		WorkerReport second = report("w-2", Map.of("home", "{\"last_restart_ms\":2000,\"mean_call\":3.5}"));

		JsonNode home = UpstreamTotals.of(List.of(first, second)).get("home");

		assertThat(home.has("last_restart_ms")).isFalse();
		assertThat(home.has("mean_call")).isFalse();
	}

	@Test
	void eachUpstreamCountsOnlyTheWorkersThatServeIt() {
		WorkerReport both = report("w-1", Map.of("home", "{\"live\":2}", "memory", "{\"live\":1}"));
		WorkerReport homeOnly = report("w-2", Map.of("home", "{\"live\":2}"));

		JsonNode upstreams = UpstreamTotals.of(List.of(both, homeOnly));

		assertThat(upstreams.get("home").get("workers").asInt()).isEqualTo(2);
		assertThat(upstreams.get("memory").get("workers").asInt()).isEqualTo(1);
		assertThat(upstreams.get("memory").get("by_worker").properties()).hasSize(1);
	}

	private static WorkerReport report(String id, Map<String, String> pools) {
		Map<String, JsonNode> upstreams = new LinkedHashMap<>();
		pools.forEach((name, json) -> upstreams.put(name, BridgeJson.mapper().readTree(json)));
		return new WorkerReport(id, 0, 0, 15000, upstreams, Map.of());
	}

}
