package io.mcpbridge.homesim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures (and only reports) what --state-file adds per call: 1,000 sequential calls to
 * a home-sim without it and 1,000 to one with it, alternating so both see the same
 * machine load. Reads (get_entity_state) and writes (call_service light.toggle). Printed
 * to the test output and written to target/state-file-latency.txt.
 */
@Tag("report")
class StateFileLatencyReportIT {

	private static final int WARM_UP = 1_000;

	private static final int CALLS = 1_000;

	@TempDir
	Path dir;

	@Test
	void reportsMedianAndP99WithAndWithoutStateFile() throws Exception {
		McpSyncClient plain = HomeSimClients.start(new ConcurrentLinkedQueue<>());
		McpSyncClient shared = HomeSimClients.start(new ConcurrentLinkedQueue<>(),
				"--state-file=" + this.dir.resolve("home.jsonl"));
		try {
			StringBuilder report = new StringBuilder();
			McpSchema.CallToolRequest read = new McpSchema.CallToolRequest("get_entity_state",
					Map.of("entity_id", "sensor.outdoor_temperature"));
			McpSchema.CallToolRequest write = new McpSchema.CallToolRequest("call_service",
					Map.of("domain", "light", "service", "toggle", "entity_id", "light.hallway"));
			for (McpSchema.CallToolRequest request : new McpSchema.CallToolRequest[] { read, write }) {
				for (int i = 0; i < WARM_UP; i++) {
					plain.callTool(request);
					shared.callTool(request);
				}
				long[] without = new long[CALLS];
				long[] with = new long[CALLS];
				for (int i = 0; i < CALLS; i++) {
					without[i] = timeMicros(plain, request);
					with[i] = timeMicros(shared, request);
				}
				report.append(line(request.name() + " without --state-file", without))
					.append(line(request.name() + " with --state-file   ", with));
			}
			System.out.print(report);
			Files.writeString(Path.of("target", "state-file-latency.txt"), report);
		}
		finally {
			plain.closeGracefully();
			shared.closeGracefully();
		}
	}

	private static long timeMicros(McpSyncClient client, McpSchema.CallToolRequest request) {
		long start = System.nanoTime();
		McpSchema.CallToolResult result = client.callTool(request);
		long micros = (System.nanoTime() - start) / 1_000;
		assertThat(result.isError()).isFalse();
		return micros;
	}

	private static String line(String label, long[] micros) {
		Arrays.sort(micros);
		return String.format(Locale.ROOT,
				"home-sim %s, %d sequential calls after %d warm-up: median %.3f ms, p99 %.3f ms%n", label, CALLS,
				WARM_UP, micros[CALLS / 2] / 1000.0, micros[(int) Math.ceil(CALLS * 0.99) - 1] / 1000.0);
	}

}
