package io.mcpbridge.standalone.resilience;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries through the full stack with home-sim failing half of its tool calls (seeded, so
 * the run is repeatable): reads are repeated (the call log shows the failed attempts
 * before the success, the result's {@code _meta} counts them), writes run exactly once
 * whatever happens. The breaker is set out of the way (100 failures in a row).
 */
@ExtendWith(SharedBroker.class)
class RetriesEndToEndIT {

	private static final int CALLS = 12;

	@TempDir
	static Path tmp;

	private static ResilienceStack stack;

	private static BridgeHttp http;

	private static String session;

	@BeforeAll
	static void start(TestBroker kafka) {
		stack = ResilienceStack.start(kafka, RetriesEndToEndIT.class, tmp, List.of(),
				"bridge.circuit-breaker.failure-threshold=100");
		http = stack.http();
		session = http.initialize();
		// Teaches the gateway the tools' annotations before the faults start (tools/list
		// is never failed by home-sim anyway).
		assertThat(http.post("/mcp/tools/list", "{}", "X-Session-ID", session).status()).isEqualTo(200);
		stack.faults("fail-rate=0.5");
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	private static List<JsonNode> logged(String tool) {
		return stack.calls().stream().filter(call -> tool.equals(call.path("tool").asString())).toList();
	}

	@Test
	void readsAreRepeatedAfterFailuresAndSayHowManyTimes() {
		int before = logged("get_entity_state").size();
		int answered = 0;
		int retriesReported = 0;
		int failedAfterThreeAttempts = 0;
		for (int i = 0; i < CALLS; i++) {
			BridgeHttp.Response read = http.post("/mcp/tools/call",
					"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}", "X-Session-ID",
					session, "X-Cache-Control", "no-cache");
			if (read.status() == 200) {
				answered++;
				retriesReported += read.json().path("result").path("_meta").path("io.mcpbridge/retries").asInt(0);
			}
			else {
				assertThat(read.errorCode()).as(read.toString()).isEqualTo("UPSTREAM_ERROR");
				failedAfterThreeAttempts++;
			}
		}
		List<JsonNode> attempts = logged("get_entity_state").subList(before, logged("get_entity_state").size());
		long failedAttempts = attempts.stream().filter(call -> call.has("fault")).count();

		// Every attempt is in the log: one per answered read plus its retries, three per
		// read that failed three times.
		assertThat(attempts).hasSize(answered + retriesReported + 3 * failedAfterThreeAttempts);
		assertThat(failedAttempts).as("home-sim failed some attempts").isPositive();
		assertThat(retriesReported).as("answered reads that took retries").isPositive();
		// Without retries about half would fail; with three attempts about one in eight.
		assertThat(answered).as("reads answered out of " + CALLS).isGreaterThan(CALLS / 2);
	}

	@Test
	void writesAreExecutedExactlyOnceNeverRepeated() {
		List<Integer> brightnesses = new ArrayList<>();
		int failed = 0;
		for (int i = 0; i < CALLS; i++) {
			int brightness = 100 + i;
			brightnesses.add(brightness);
			BridgeHttp.Response write = http.post("/mcp/tools/call",
					"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"turn_on\","
							+ "\"entity_id\":\"light.retry_test\",\"data\":{\"brightness\":" + brightness + "}}}",
					"X-Session-ID", session);
			if (write.status() != 200) {
				assertThat(write.errorCode()).as(write.toString()).isEqualTo("UPSTREAM_ERROR");
				failed++;
			}
			else {
				assertThat(write.json().path("result").path("_meta").has("io.mcpbridge/retries")).isFalse();
			}
		}
		Map<Integer, Long> attemptsByBrightness = logged("call_service").stream()
			.filter(call -> "light.retry_test".equals(call.path("arguments").path("entity_id").asString(null)))
			.collect(Collectors.groupingBy(call -> call.path("arguments").path("data").path("brightness").asInt(),
					Collectors.counting()));

		assertThat(failed).as("home-sim failed some writes").isPositive();
		assertThat(attemptsByBrightness).as("each write reached home-sim exactly once")
			.isEqualTo(brightnesses.stream().collect(Collectors.toMap(Function.identity(), brightness -> 1L)));
	}

}
