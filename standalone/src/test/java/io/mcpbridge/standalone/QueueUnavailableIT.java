package io.mcpbridge.standalone;

import java.io.IOException;
import java.net.ServerSocket;

import io.mcpbridge.gateway.GatewayApplication;
import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway whose Kafka cannot be reached answers 503 QUEUE_UNAVAILABLE (after the
 * producer's short max.block.ms), and its health says so; sessions, kept in Redis, are
 * still found.
 */
@ExtendWith(SharedStack.class)
class QueueUnavailableIT {

	@Test
	void aRequestThatKafkaCannotTakeIs503(StandaloneStack stack) throws IOException {
		String session = new BridgeHttp(stack.gatewayPort()).initialize();
		try (ConfigurableApplicationContext cutOff = GatewayApplication.builder()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
					"--spring.kafka.admin.auto-create=false", "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + stack.redisPort())) {
			BridgeHttp http = new BridgeHttp(((WebServerApplicationContext) cutOff).getWebServer().getPort());

			Response response = http.post("/mcp/tools/call",
					"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}", "X-Session-ID",
					session, "X-Cache-Control", "no-cache"); // past the cache, to the
																// queue
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.errorCode()).isEqualTo("QUEUE_UNAVAILABLE");
			assertThat(response.json().path("error").path("request_id").asString()).isNotBlank();

			Response health = http.get("/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().path("dependencies").path("kafka").path("status").asString()).isEqualTo("down");
			assertThat(health.json().path("dependencies").path("redis").path("status").asString()).isEqualTo("ok");
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
