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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures (and only reports) the round trip of 1,000 sequential get_entity_state calls
 * from the SDK client to a home-sim subprocess over stdio: the baseline any bridge in
 * front of it is compared with. Printed to the test output and written to
 * target/stdio-latency.txt.
 */
@Tag("report")
class StdioLatencyReportIT {

	private static final int WARM_UP = 1_000;

	private static final int CALLS = 1_000;

	@Test
	void reportsMedianAndP99OfSequentialDirectCalls() throws Exception {
		McpSyncClient client = HomeSimClients.start(new ConcurrentLinkedQueue<>());
		try {
			McpSchema.CallToolRequest request = new McpSchema.CallToolRequest("get_entity_state",
					Map.of("entity_id", "sensor.outdoor_temperature"));
			for (int i = 0; i < WARM_UP; i++) {
				client.callTool(request);
			}
			long[] micros = new long[CALLS];
			for (int i = 0; i < CALLS; i++) {
				long start = System.nanoTime();
				McpSchema.CallToolResult result = client.callTool(request);
				micros[i] = (System.nanoTime() - start) / 1_000;
				assertThat(result.isError()).isFalse();
			}
			Arrays.sort(micros);
			String report = String.format(Locale.ROOT,
					"home-sim direct stdio get_entity_state, %d sequential calls after %d warm-up: median %.3f ms, "
							+ "p99 %.3f ms, max %.3f ms%n",
					CALLS, WARM_UP, micros[CALLS / 2] / 1000.0, micros[(int) Math.ceil(CALLS * 0.99) - 1] / 1000.0,
					micros[CALLS - 1] / 1000.0);
			System.out.print(report);
			Files.writeString(Path.of("target", "stdio-latency.txt"), report);
		}
		finally {
			client.closeGracefully();
		}
	}

}
