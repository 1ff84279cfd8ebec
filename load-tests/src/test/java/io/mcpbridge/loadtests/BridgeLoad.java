package io.mcpbridge.loadtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What the simulations share: the target, a pool of REST sessions opened before the run, and the seed's traffic mix
 * with the seed's priorities sent explicitly in {@code X-Priority}.
 *
 * <p>
 * Settings are system properties ({@code -Dname=value} on the Maven command line): {@code bridge.baseUrl} (default
 * {@code http://localhost:3003}), {@code bridge.sessions} (REST sessions shared by the virtual users, default 50),
 * {@code bridge.mcpPath} (path of an MCP Streamable HTTP endpoint to load as well; empty, the default, leaves it out).
 */
final class BridgeLoad {

	static final String BASE_URL = stringProperty("bridge.baseUrl", "http://localhost:3003");

	static final String MCP_PATH = stringProperty("bridge.mcpPath", "");

	private static final Pattern SESSION_ID = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");

	private final List<String> sessions = Collections.synchronizedList(new ArrayList<>());

	private final AtomicLong next = new AtomicLong();

	static HttpProtocolBuilder protocol() {
		return http.baseUrl(BASE_URL)
			.contentTypeHeader("application/json")
			.acceptHeader("application/json")
			.shareConnections();
	}

	/**
	 * Opens the REST sessions; call it from {@code Simulation.before()}. Plain JDK HTTP, outside Gatling's statistics:
	 * the simulations measure tool calls (SmokeSimulation also measures initialize in its own scenario).
	 */
	void openSessions() {
		int count = intProperty("bridge.sessions", 50);
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		for (int i = 0; i < count; i++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(BASE_URL + "/mcp/initialize"))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build();
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				Matcher id = SESSION_ID.matcher(response.body());
				if (response.statusCode() != 200 || !id.find()) {
					throw new IllegalStateException("initialize at " + BASE_URL + " answered " + response.statusCode()
							+ ": " + response.body());
				}
				sessions.add(id.group(1));
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot reach " + BASE_URL + " (is the stack running?): " + ex, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Endless feeder: a session of the pool (round robin) and freshly drawn request bodies. */
	Iterator<Map<String, Object>> feeder() {
		return Stream.generate(() -> {
			Map<String, Object> record = new HashMap<>(HomeTraffic.nextRecord());
			record.put("sessionId", sessions.get((int) (next.getAndIncrement() % sessions.size())));
			return record;
		}).iterator();
	}

	/** One tool call drawn from the seed's mix: 60/15/15/5/5 %. */
	ChainBuilder mixedCall() {
		return feed(feeder()).randomSwitch()
			.on(percent(60.0).then(exec(toolCall("get_entity_state", "CRITICAL", "entityState"))),
					percent(15.0).then(exec(toolCall("get_entities", "HIGH", "entities"))),
					percent(15.0).then(exec(toolCall("call_service", "MEDIUM", "service"))),
					percent(5.0).then(exec(toolCall("create_automation", "LOW", "automation"))),
					percent(5.0).then(exec(toolCall("get_history", "BULK", "history"))));
	}

	private static HttpRequestActionBuilder toolCall(String tool, String priority, String bodyKey) {
		return http(tool).post("/mcp/tools/call")
			.header("X-Session-ID", "#{sessionId}")
			.header("X-Priority", priority)
			.body(StringBody("#{" + bodyKey + "}"))
			.check(status().is(200), jsonPath("$.result.isError").is("false"));
	}

	/** A client that opens a REST session: measures initialize itself. */
	static ScenarioBuilder initializeScenario() {
		return scenario("initialize").exec(http("initialize").post("/mcp/initialize")
			.body(StringBody("{}"))
			.check(status().is(200), jsonPath("$.result.session_id").exists()));
	}

	/**
	 * A client of the MCP Streamable HTTP endpoint at {@link #MCP_PATH}: initialize, the initialized notification,
	 * then {@code calls} tools/call of get_entity_state. Answers may be JSON or an SSE stream, so the checks look
	 * for the result in the body text.
	 */
	static ScenarioBuilder mcpScenario(int calls) {
		String accept = "application/json, text/event-stream";
		return scenario("mcp endpoint").exec(http("mcp initialize").post(MCP_PATH)
			.header("Accept", accept)
			.body(StringBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
					+ "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"gatling\",\"version\":\"1\"}}}"))
			.check(status().is(200), header("Mcp-Session-Id").optional().saveAs("mcpSession")))
			.exec(session -> session.contains("mcpSession") ? session : session.set("mcpSession", ""))
			.exec(http("mcp initialized").post(MCP_PATH)
				.header("Accept", accept)
				.header("Mcp-Session-Id", "#{mcpSession}")
				.body(StringBody("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
				.check(status().in(200, 202)))
			.repeat(calls, "n")
			.on(feed(Stream.generate(HomeTraffic::nextRecord).iterator())
				.exec(http("mcp tools/call").post(MCP_PATH)
					.header("Accept", accept)
					.header("Mcp-Session-Id", "#{mcpSession}")
					.body(StringBody("{\"jsonrpc\":\"2.0\",\"id\":\"call-#{n}\",\"method\":\"tools/call\",\"params\":#{entityState}}"))
					.check(status().is(200), regex("\"isError\"\\s*:\\s*false").exists())));
	}

	static boolean mcpEnabled() {
		return !MCP_PATH.isBlank();
	}

	static String stringProperty(String name, String fallback) {
		String value = System.getProperty(name);
		return value == null || value.isBlank() ? fallback : value.trim();
	}

	static int intProperty(String name, int fallback) {
		return Integer.parseInt(stringProperty(name, Integer.toString(fallback)));
	}

	static double doubleProperty(String name, double fallback) {
		return Double.parseDouble(stringProperty(name, Double.toString(fallback)));
	}
}
