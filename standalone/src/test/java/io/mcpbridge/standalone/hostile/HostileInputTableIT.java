package io.mcpbridge.standalone.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, item 5: every hostile request of {@link HostileCases} gets its documented
 * status and error code (the REST API's JSON error, the MCP endpoint's JSON-RPC error),
 * never an HTML page, a stack trace or a library's class name; and after each one the
 * stack is healthy: {@code /health} answers 200 and a normal tool call is answered. Runs
 * on the real stack (embedded Kafka broker, Redis, worker with home-sim subprocesses,
 * gateway).
 */
@ExtendWith(SharedStack.class)
class HostileInputTableIT {

	private static final List<String> NEVER_IN_A_BODY = List.of("<html", "<HTML", "Exception", "tools.jackson",
			"StreamReadConstraints", "org.apache", "java.", "at io.mcpbridge", "\"status\":999");

	private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

	private static RawHttp http;

	private static String restSession;

	private static String mcpSession;

	@BeforeAll
	static void openSessions(StandaloneStack stack) {
		http = new RawHttp(stack.gatewayPort());
		// On a loaded machine the shared stack's home-sim processes may still be
		// starting.
		RawHttp.Response rest = await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> http.send("POST /mcp/initialize HTTP/1.1\r\nHost: localhost",
					"{\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}".getBytes(StandardCharsets.UTF_8)),
					response -> response.status() == 200);
		restSession = rest.json().path("result").path("session_id").asString();
		RawHttp.Response mcp = http.send("POST /mcp HTTP/1.1" + HostileCase.MCP_HEADERS,
				("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
						+ "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
						+ "\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(mcp.status()).as(mcp.toString()).isEqualTo(200);
		mcpSession = mcp.headers().get("mcp-session-id");
		assertThat(mcpSession).isNotBlank();
		// Warm the cache with the plain read, so that the bogus-argument case would find
		// its cached success if the key ignored an argument.
		assertNormalCallAnswered();
	}

	static Stream<HostileCase> cases() {
		return HostileCases.all().stream();
	}

	@Test
	void theTableHasAtLeastOneHundredCasesOverBothEndpoints() {
		List<HostileCase> all = HostileCases.all();
		assertThat(all).hasSizeGreaterThanOrEqualTo(100);
		assertThat(all.stream().filter(c -> c.rpcCode() != null).count()).isGreaterThanOrEqualTo(40);
		assertThat(all.stream().filter(c -> c.rpcCode() == null).count()).isGreaterThanOrEqualTo(40);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void eachHostileRequestGetsItsDocumentedErrorAndTheStackStaysHealthy(HostileCase hostile) {
		RawHttp.Response response = http
			.send(hostile.head().replace("{sid}", restSession).replace("{msid}", mcpSession), hostile.body());
		assertThat(response.status()).as(hostile.name() + ": " + response).isIn(hostile.statuses());
		assertThat(response.contentType()).as(hostile.name() + ": " + response).contains("json");
		for (String forbidden : NEVER_IN_A_BODY) {
			assertThat(response.body()).as(hostile.name() + ": " + response).doesNotContain(forbidden);
		}
		JsonNode error = response.json().path("error");
		if (hostile.rpcCode() != null) {
			assertThat(response.json().path("jsonrpc").asString()).as(response.toString()).isEqualTo("2.0");
			assertThat(error.path("code").asInt()).as(hostile.name() + ": " + response).isEqualTo(hostile.rpcCode());
		}
		if (HostileCases.TOOL_ERROR.equals(hostile.code())) {
			assertThat(response.json().path("result").path("isError").asBoolean()).as(response.toString()).isTrue();
			assertThat(response.json().path("cached").asBoolean()).as(response.toString()).isFalse();
		}
		else if (hostile.code() != null) {
			String code = error.path("code").isString() ? error.path("code").asString()
					: error.path("data").path("bridge_code").asString();
			assertThat(code).as(hostile.name() + ": " + response).isEqualTo(hostile.code());
		}
		COUNTS.merge(hostile.rpcCode() != null || hostile.head().contains(" /mcp/u/") ? "mcp" : "rest", 1,
				Integer::sum);
		COUNTS.merge("status " + response.status(), 1, Integer::sum);
		assertHealthy();
		assertNormalCallAnswered();
	}

	@AfterAll
	static void printCounts() {
		System.out.println("hostile-input table: " + (COUNTS.getOrDefault("rest", 0) + COUNTS.getOrDefault("mcp", 0))
				+ " of " + HostileCases.all().size() + " cases passed " + new TreeMap<>(COUNTS)
				+ " (each followed by /health 200 and a normal call answered)");
	}

	private static void assertHealthy() {
		RawHttp.Response health = http.send("GET /health HTTP/1.1\r\nHost: localhost", null);
		assertThat(health.status()).as(health.toString()).isEqualTo(200);
	}

	private static void assertNormalCallAnswered() {
		RawHttp.Response call = http.send(
				"POST /mcp/tools/call HTTP/1.1\r\nHost: localhost\r\nX-Session-ID: " + restSession,
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}"
					.getBytes(StandardCharsets.UTF_8));
		assertThat(call.status()).as(call.toString()).isEqualTo(200);
		assertThat(call.json().path("result").path("isError").asBoolean(true)).as(call.toString()).isFalse();
	}

}
