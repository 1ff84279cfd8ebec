package io.mcpbridge.standalone.mcp;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneOptions;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.gateway.ExtraGateway;
import io.mcpbridge.worker.pool.PoolStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The 2026-07-28 rule that a client disconnect cancels its request, for a client that
 * closes its socket while the answer is still pending (nothing is written to it before
 * the answer). The gateway under test checks every 300 ms; home-sim answers after 2 s,
 * and the upstream "slow" (home-sim too) after a minute, far beyond the 30 s deadline of
 * its calls.
 */
class StatelessDisconnectIT {

	private static final String SLOW = "slow";

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":{}}";

	private static StandaloneStack stack;

	private static ExtraGateway gateway;

	@BeforeAll
	static void startStack() throws Exception {
		// 4 partitions: the extra gateway's.
		stack = StandaloneStack.start(new StandaloneOptions(0, 0, 6379, 2000, 1, 1, 4, false,
				Map.of(SLOW, HomeSimCommand.javaCommand("--latency-ms=60000"))));
		// No cache: an entry another run left in the shared Redis would answer at once.
		gateway = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort(),
				"bridge.mcp.disconnect-check-interval=300ms", "bridge.cache.l1.enabled=false",
				"bridge.cache.l2.enabled=false");
	}

	@AfterAll
	static void stopStack() {
		if (gateway != null) {
			gateway.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aClientThatClosesItsSocketCancelsTheRunningCallWithinAFewChecks() throws Exception {
		String body = toolCall(1, "light.kitchen");
		long closedAt;
		try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /mcp/u/" + SLOW + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\n"
					+ "Mcp-Method: tools/call\r\nMcp-Name: get_entity_state\r\nContent-Length: "
					+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			await().atMost(Duration.ofSeconds(30)).until(() -> slow().busy() == 1);
			closedAt = System.nanoTime();
		}

		// Only a cancellation frees the process this early: the call itself lasts a
		// minute, its
		// deadline is 30 s away. The worker tells the upstream (notifications/cancelled)
		// and fails the call.
		await().atMost(Duration.ofSeconds(10)).until(() -> slow().busy() == 0);
		Duration cancelledAfter = Duration.ofNanos(System.nanoTime() - closedAt);
		assertThat(slow().errors()).isEqualTo(1);
		assertThat(slow().calls()).isEqualTo(1);
		assertThat(cancelledAfter).isLessThan(Duration.ofSeconds(5));
		System.out.printf("stateless disconnect: the call was cancelled %d ms after the client closed its socket "
				+ "(check interval 300 ms)%n", cancelledAfter.toMillis());
	}

	@Test
	void aClientThatWaitsGetsKeepAlivesThenItsAnswerAsOneSseMessage() {
		BridgeHttp.Response answer = gateway.http()
			.post("/mcp", toolCall(2, "light.living_room"), "Accept", McpClient.ACCEPT_BOTH, "MCP-Protocol-Version",
					"2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "get_entity_state");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
		assertThat(answer.header("X-Accel-Buffering")).isEqualTo("no");
		List<String> lines = answer.body().lines().toList();
		assertThat(lines.stream().filter(": keep-alive"::equals).count()).as("2 s of 300 ms checks")
			.isGreaterThanOrEqualTo(3);
		assertThat(lines.indexOf(": keep-alive")).isLessThan(
				lines.indexOf(lines.stream().filter(line -> line.startsWith("data: {")).findFirst().orElseThrow()));
		List<JsonNode> messages = McpClient.messages(answer);
		assertThat(messages).singleElement().satisfies(message -> {
			assertThat(message.path("id").asInt()).isEqualTo(2);
			assertThat(message.path("result").path("resultType").asString()).isEqualTo("complete");
			assertThat(message.path("result").path("structuredContent").path("entity_id").asString())
				.isEqualTo("light.living_room");
		});
	}

	@Test
	void aSessionsPendingAnswerStaysJsonWithoutKeepAlives() {
		McpClient mcp = new McpClient(gateway.http(), "/mcp");
		String session = mcp.initialize("{}");

		BridgeHttp.Response answer = mcp.post(session, mcp.request("tools/call",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.bedroom\"}}"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.json().path("result").path("structuredContent").path("entity_id").asString())
			.isEqualTo("light.bedroom");
	}

	private static PoolStatus slow() {
		return stack.upstreamStatus().get(SLOW);
	}

	private static String toolCall(int id, String entityId) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":"
				+ "\"get_entity_state\",\"arguments\":{\"entity_id\":\"" + entityId + "\"}," + META + "}}";
	}

}
