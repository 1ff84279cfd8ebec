package io.mcpbridge.standalone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.common.RedisKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deadline scenario through the HTTP API: a call with {@code X-Timeout: 1}
 * queued behind 3 s of work on its entity gets 504 at its deadline, and home-sim never
 * executes it (the entity's history grows by the three calls ahead of it only).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadlineThroughGatewayIT {

	private static final String ENTITY = "light.bedroom";

	private StandaloneStack stack;

	private BridgeHttp http;

	@BeforeAll
	void start() throws Exception {
		// Every home-sim call takes 1 s.
		stack = StandaloneStack.start(new StandaloneOptions(0, 0, 6379, 1000, 2, 2, 4));
		http = new BridgeHttp(stack.gatewayPort());
	}

	@AfterAll
	void stop() {
		stack.close();
	}

	@Test
	void aShortDeadlineBehindSlowWorkIs504AndNeverExecuted() {
		String session = http.initialize();
		int before = historyLength(session);

		List<String> slowAhead = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			BridgeHttp.Response accepted = http.post("/mcp/tools/call", toggle("ahead-" + i), "X-Session-ID", session,
					"Prefer", "respond-async", "X-Timeout", "30");
			assertThat(accepted.status()).isEqualTo(202);
			slowAhead.add(accepted.json().path("request_id").asString());
		}

		long sent = System.nanoTime();
		BridgeHttp.Response late = http.post("/mcp/tools/call", toggle("late"), "X-Session-ID", session, "X-Timeout",
				"1");
		long waitedMs = (System.nanoTime() - sent) / 1_000_000;
		assertThat(late.status()).isEqualTo(504);
		assertThat(late.errorCode()).isEqualTo("TIMEOUT");
		assertThat(waitedMs).as("answered at its own deadline, not after the work ahead").isLessThan(2900);
		String lateId = late.json().path("error").path("request_id").asString();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(slowAhead)
				.allSatisfy(id -> assertThat(http.get("/mcp/requests/" + id).status()).isEqualTo(200)));
		try (RedisResults results = new RedisResults(stack.redisPort())) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(results.get(RedisKeys.result("default", lateId)))
					.contains("TIMEOUT_IN_QUEUE"));
		}
		assertThat(historyLength(session)).as("the three calls ahead ran, the late one did not").isEqualTo(before + 3);
	}

	private static String toggle(String tag) {
		return "{\"name\":\"call_service\",\"request_id\":\"deadline-" + tag + "-" + System.nanoTime()
				+ "\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\",\"entity_id\":\"" + ENTITY + "\"}}";
	}

	private int historyLength(String session) {
		BridgeHttp.Response history = http.post("/mcp/tools/call",
				"{\"name\":\"get_history\",\"arguments\":{\"entity_id\":\"" + ENTITY + "\"}}", "X-Session-ID", session,
				"X-Timeout", "30");
		assertThat(history.status()).isEqualTo(200);
		return history.json().path("result").path("structuredContent").path("count").asInt();
	}

}
