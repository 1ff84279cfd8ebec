package io.mcpbridge.standalone.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports (does not assert) the latency of one uncached tool call through the MCP endpoint and
 * through the REST API, interleaved in blocks on the same stack. Excluded by default; run with
 * {@code ./mvnw -o -pl standalone -am verify -Dsurefire.excludedGroups= -Dgroups=report -Dtest=McpLatencyReportTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("report")
@ExtendWith(SharedStack.class)
class McpLatencyReportTest {

	private static final int WARM_UP = 300;

	private static final int BLOCKS = 10;

	private static final int PER_BLOCK = 100;

	/** The MCP endpoint does not read the cache; the REST calls skip it too (no-cache): both reach home-sim. */
	private static final String CALL = "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}";

	@Test
	void reportsTheLatencyOfTheMcpEndpointNextToTheRestApi(StandaloneStack stack) {
		BridgeHttp http = new BridgeHttp(stack.gatewayPort());
		McpClient mcp = new McpClient(http, "/mcp");
		String mcpSession = mcp.initialize("{}");
		String restSession = http.initialize();
		Supplier<BridgeHttp.Response> viaMcp = () -> mcp.post(mcpSession,
				mcp.request("tools/call", CALL));
		Supplier<BridgeHttp.Response> viaRest = () -> http.post("/mcp/tools/call", CALL, "X-Session-ID", restSession,
				"X-Cache-Control", "no-cache");
		measure(viaMcp, WARM_UP);
		measure(viaRest, WARM_UP);

		List<Long> mcpNanos = new ArrayList<>();
		List<Long> restNanos = new ArrayList<>();
		for (int block = 0; block < BLOCKS; block++) {
			mcpNanos.addAll(measure(viaMcp, PER_BLOCK));
			restNanos.addAll(measure(viaRest, PER_BLOCK));
		}

		System.out.printf("MCP endpoint latency report (%d sequential get_entity_state calls each): MCP endpoint p50 %.2f ms "
				+ "p99 %.2f ms; REST API p50 %.2f ms p99 %.2f ms%n", mcpNanos.size(), percentile(mcpNanos, 50),
				percentile(mcpNanos, 99), percentile(restNanos, 50), percentile(restNanos, 99));
		assertThat(mcpNanos).hasSize(BLOCKS * PER_BLOCK);
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
