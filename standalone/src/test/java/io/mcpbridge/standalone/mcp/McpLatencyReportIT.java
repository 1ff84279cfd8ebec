package io.mcpbridge.standalone.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports (does not assert) the latency of one tool call through the MCP endpoint and
 * through the REST API, uncached ({@code X-Cache-Control: no-cache}: through Kafka, the
 * worker and home-sim) and cached (an L1 hit), interleaved in blocks on the same stack.
 * Excluded by default; run with
 * {@code ./mvnw -o -pl standalone -am verify -Dsurefire.excludedGroups= -Dgroups=report
 * -Dtest=McpLatencyReportIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("report")
@ExtendWith(SharedStack.class)
class McpLatencyReportIT {

	private static final int WARM_UP = 300;

	private static final int BLOCKS = 10;

	private static final int PER_BLOCK = 100;

	private static final String CALL = "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\""
			+ ":\"light.kitchen\"}}";

	@Test
	void reportsTheLatencyOfTheMcpEndpointNextToTheRestApi(StandaloneStack stack) {
		BridgeHttp http = new BridgeHttp(stack.gatewayPort());
		McpClient mcp = new McpClient(http, "/mcp");
		String mcpSession = mcp.initialize("{}");
		String restSession = http.initialize();
		Map<String, Supplier<BridgeHttp.Response>> calls = new LinkedHashMap<>();
		calls.put("MCP endpoint, uncached",
				() -> mcp.post(mcpSession, mcp.request("tools/call", CALL), "X-Cache-Control", "no-cache"));
		calls.put("REST API, uncached",
				() -> http.post("/mcp/tools/call", CALL, "X-Session-ID", restSession, "X-Cache-Control", "no-cache"));
		calls.put("MCP endpoint, cached", () -> mcp.post(mcpSession, mcp.request("tools/call", CALL)));
		calls.put("REST API, cached", () -> http.post("/mcp/tools/call", CALL, "X-Session-ID", restSession));
		Map<String, List<Long>> nanos = new LinkedHashMap<>();
		calls.forEach((name, call) -> {
			measure(call, WARM_UP);
			nanos.put(name, new ArrayList<>());
		});

		for (int block = 0; block < BLOCKS; block++) {
			calls.forEach((name, call) -> nanos.get(name).addAll(measure(call, PER_BLOCK)));
		}

		System.out.printf("Latency report (%d sequential get_entity_state calls each):%n", BLOCKS * PER_BLOCK);
		nanos.forEach((name, series) -> System.out.printf("  %-24s p50 %6.2f ms  p99 %6.2f ms%n", name,
				percentile(series, 50), percentile(series, 99)));
		assertThat(nanos.values()).allSatisfy(series -> assertThat(series).hasSize(BLOCKS * PER_BLOCK));
	}

	private static List<Long> measure(Supplier<BridgeHttp.Response> call, int count) {
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			BridgeHttp.Response response = call.get();
			nanos.add(System.nanoTime() - start);
			assertThat(response.status()).isEqualTo(200);
		}
		return nanos;
	}

	private static double percentile(List<Long> nanos, int percent) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1_000_000.0;
	}

}
