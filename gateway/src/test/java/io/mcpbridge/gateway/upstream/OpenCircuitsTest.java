package io.mcpbridge.gateway.upstream;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.WorkerReport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenCircuitsTest {

	private static final long NOW = 1_000_000;

	private static WorkerReport worker(String id, long reportedMs, String breaker) {
		JsonNode pool = BridgeJson.mapper()
			.readTree("{\"idle\":1" + (breaker == null ? "" : ",\"circuit_breaker\":" + breaker) + "}");
		return new WorkerReport(id, 0, reportedMs, 15_000, Map.of("home", pool), Map.of());
	}

	private static String open(long retryAfterMs) {
		return "{\"state\":\"OPEN\",\"retry_after_ms\":" + retryAfterMs + "}";
	}

	@Test
	void openOnEveryWorkerGivesTheSmallestTimeLeftAsOfNow() {
		List<WorkerReport> live = List.of(worker("w1", NOW - 2_000, open(20_000)),
				worker("w2", NOW - 1_000, open(10_000)));

		assertThat(OpenCircuits.openEverywhere(live, "home", NOW)).contains(Duration.ofMillis(9_000));
	}

	@Test
	void oneWorkerThatWouldRunTheCallIsEnough() {
		assertThat(OpenCircuits.openEverywhere(
				List.of(worker("w1", NOW, open(20_000)), worker("w2", NOW, "{\"state\":\"HALF_OPEN\"}")), "home", NOW))
			.isEmpty();
		assertThat(OpenCircuits.openEverywhere(List.of(worker("w1", NOW, open(20_000)), worker("w2", NOW, null)),
				"home", NOW))
			.isEmpty();
	}

	@Test
	void anOpenTimeThatIsOverAsOfNowNoLongerRefuses() {
		assertThat(OpenCircuits.openEverywhere(List.of(worker("w1", NOW - 5_000, open(4_000))), "home", NOW)).isEmpty();
	}

	@Test
	void noWorkerServingTheUpstreamRefusesNothing() {
		assertThat(OpenCircuits.openEverywhere(List.of(), "home", NOW)).isEmpty();
		assertThat(OpenCircuits.openEverywhere(List.of(worker("w1", NOW, open(20_000))), "other", NOW)).isEmpty();
	}

	@Test
	void groupsTheBreakersByUpstreamAndWorker() {
		var byUpstream = OpenCircuits.byUpstream(List.of(worker("w1", NOW, open(1_000)), worker("w2", NOW, null)));

		assertThat(byUpstream).containsOnlyKeys("home");
		assertThat(byUpstream.get("home")).containsOnlyKeys("w1");
		assertThat(byUpstream.get("home").get("w1").path("state").asString()).isEqualTo("OPEN");
	}

}
