package io.mcpbridge.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.mcpbridge.redisprocess.RedisProcess;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.gateway.ExtraGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway whose Redis stops answers 503 STORE_UNAVAILABLE with {@code Retry-After}, on
 * the REST API and on the MCP endpoint (HTTP 503, JSON-RPC error with data.bridge_code),
 * never 500 INTERNAL_ERROR. The Redis is a redis-server of this test's own, killed here.
 */
@ExtendWith(SharedStack.class)
class StoreUnavailableIT {

	@Test
	void aStoppedRedisIs503StoreUnavailableNot500(StandaloneStack stack) throws IOException {
		RedisProcess redis = RedisProcess.reuseOrStart(freePort());
		assertThat(redis.isStartedHere()).isTrue();
		try (redis; ExtraGateway gateway = ExtraGateway.start(stack.kafkaBootstrap(), redis.port())) {
			BridgeHttp http = gateway.http();
			String call = "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}";
			// Redis up: the unknown session is looked up there, and not found.
			assertThat(http.post("/mcp/tools/call", call, "X-Session-ID", "s-unknown").errorCode())
				.isEqualTo("SESSION_NOT_FOUND");

			redis.close();

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				Response rest = http.post("/mcp/tools/call", call, "X-Session-ID", "s-unknown-" + System.nanoTime());
				assertThat(rest.status()).as(rest.toString()).isEqualTo(503);
				assertThat(rest.errorCode()).isEqualTo("STORE_UNAVAILABLE");
				assertThat(rest.header("Retry-After")).isEqualTo("1");
				assertThat(rest.body()).doesNotContain("Exception", "lettuce", "springframework");
			});
			String mcpCall = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
					+ "\"params\":{\"name\":\"get_entity_state\"}}";
			Response mcp = http.post("/mcp", mcpCall, "Accept", "application/json, text/event-stream", "Mcp-Session-Id",
					"s-unknown-mcp", "MCP-Protocol-Version", "2025-11-25");
			assertThat(mcp.status()).as(mcp.toString()).isEqualTo(503);
			assertThat(mcp.json().path("error").path("data").path("bridge_code").asString())
				.isEqualTo("STORE_UNAVAILABLE");
			assertThat(mcp.header("Retry-After")).isEqualTo("1");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
