package io.mcpbridge.common;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerReportJsonTest {

	private final JsonMapper json = BridgeJson.mapper();

	@Test
	void roundTripsKeepingTheUpstreamsInConfigurationOrder() {
		Map<String, JsonNode> upstreams = new LinkedHashMap<>();
		upstreams.put("zeta", json.readTree("{\"live\":2,\"idle\":1}"));
		upstreams.put("alpha", json.readTree("{\"live\":1,\"idle\":1,\"processes_by_state\":{\"healthy\":1}}"));
		WorkerReport report = new WorkerReport("worker-1", 1000, 2000, 15000, upstreams, Map.of("CRITICAL", 3));

		String text = json.writeValueAsString(report);
		WorkerReport copy = json.readValue(text, WorkerReport.class);

		assertThat(text).contains("\"worker_id\":\"worker-1\"", "\"ttl_ms\":15000", "\"buffered\":{\"CRITICAL\":3}");
		assertThat(copy).isEqualTo(report);
		assertThat(copy.upstreamNames()).containsExactly("zeta", "alpha");
	}

	@Test
	void missingMapsAreEmptyAndUnknownFieldsAreIgnored() {
		WorkerReport report = json.readValue("{\"worker_id\":\"w\",\"started_ms\":1,\"future\":true}",
				WorkerReport.class);
		assertThat(report.upstreams()).isEmpty();
		assertThat(report.bufferedByPriority()).isEmpty();
	}

	@Test
	void aWorkerIdThatCouldEscapeItsKeyIsRejected() {
		assertThatThrownBy(() -> new WorkerReport("w}1", 0, 0, 0, null, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
