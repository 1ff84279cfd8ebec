package io.mcpbridge.standalone.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import io.mcpbridge.gateway.GatewayApplication;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.queue.QueueLane;
import io.mcpbridge.standalone.queue.QueueWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /mcp/status} aggregates every live worker's report; a worker that dies
 * (SIGKILL, no goodbye) leaves it when its report expires; a dependency that is down
 * marks its section only.
 */
@ExtendWith(SharedStack.class)
class StatusIT {

	@TempDir
	Path tmp;

	@Test
	void statusAggregatesTwoWorkersAndForgetsOneThatWasKilled(StandaloneStack stack) throws Exception {
		BridgeHttp http = new BridgeHttp(stack.gatewayPort());
		http.initialize();
		String secondId = "status-w2-" + System.nanoTime();
		// Its report expires 3 s after its last one: 1 s interval.
		Process second = QueueWorker.subprocess(QueueLane.defaultNamespace(stack.kafkaBootstrap()), secondId,
				tmp.resolve("calls.jsonl"), 0, 1, Path.of("target", "status-second-worker.log"),
				"bridge.status.publish-interval=1s");
		List<ProcessHandle> secondsChildren = List.of();
		try {
			JsonNode status = await().atMost(Duration.ofSeconds(90))
				.until(() -> http.get("/mcp/status").json(),
						doc -> doc.path("upstreams")
							.path("home")
							.path("by_worker")
							.path(secondId)
							.path("live")
							.asInt() == 1);
			secondsChildren = second.descendants().toList();
			System.out.println("[status] with two workers: " + status.toPrettyString());

			JsonNode home = status.path("upstreams").path("home");
			assertThat(status.path("bridge").path("workers").asInt()).isGreaterThanOrEqualTo(2);
			assertThat(status.path("workers").has(stack.workerId())).isTrue();
			assertThat(status.path("workers").has(secondId)).isTrue();
			assertThat(home.path("by_worker").has(stack.workerId())).isTrue();
			assertThat(home.path("live").asInt()).as("processes summed over the workers")
				.isEqualTo(sum(home.path("by_worker"), "live"))
				.isGreaterThanOrEqualTo(3);
			assertThat(home.path("by_worker").path(secondId).path("pids").get(0).asLong())
				.as("the pid the second worker reports is its child")
				.isIn(secondsChildren.stream().map(ProcessHandle::pid).toList());
			assertThat(status.path("sessions").path("active").asLong()).isGreaterThanOrEqualTo(1);
			assertThat(status.path("queue").path("by_priority").properties()).hasSize(5);
			assertThat(status.path("queue").path("by_priority").path("HIGH").path("end_offset").asLong())
				.as("the initialize above was queued at HIGH")
				.isPositive();
			assertThat(status.path("performance").path("requests").asLong()).isPositive();
			assertThat(status.path("bridge").path("status").asString()).isEqualTo("healthy");

			second.destroyForcibly().waitFor();
			secondsChildren.forEach(ProcessHandle::destroyForcibly);
			JsonNode after = await().atMost(Duration.ofSeconds(20))
				.until(() -> http.get("/mcp/status").json(), doc -> !doc.path("workers").has(secondId));
			assertThat(after.path("workers").has(stack.workerId())).isTrue();
			assertThat(after.path("upstreams").path("home").path("by_worker").has(secondId)).isFalse();
		}
		finally {
			second.destroyForcibly();
			secondsChildren.forEach(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void aGatewayThatCannotReachKafkaServesStatusWithOnlyTheQueueUnavailable(StandaloneStack stack) throws IOException {
		new BridgeHttp(stack.gatewayPort()).initialize();
		try (ConfigurableApplicationContext cutOff = GatewayApplication.builder()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
					"--spring.kafka.admin.auto-create=false", "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + stack.redisPort())) {
			BridgeHttp http = new BridgeHttp(((WebServerApplicationContext) cutOff).getWebServer().getPort());

			BridgeHttp.Response response = http.get("/mcp/status");

			assertThat(response.status()).isEqualTo(200);
			JsonNode status = response.json();
			assertThat(status.path("queue").path("status").asString()).isEqualTo("unavailable");
			assertThat(status.path("sessions").path("active").asLong()).isGreaterThanOrEqualTo(1);
			assertThat(status.path("upstreams").has("home")).isTrue();
			assertThat(status.path("bridge").path("status").asString()).isEqualTo("degraded");
		}
	}

	private static long sum(JsonNode byWorker, String field) {
		return StreamSupport.stream(byWorker.values().spliterator(), false)
			.mapToLong(pool -> pool.path(field).asLong())
			.sum();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
