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
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What the simulations share: the targets, pools of REST and MCP sessions opened before
 * the run, and the seed's traffic mix with the seed's priorities sent explicitly in
 * {@code X-Priority}, a share of it through the MCP Streamable HTTP endpoint.
 *
 * <p>
 * Settings are system properties ({@code -Dname=value} on the Maven command line):
 * {@code bridge.baseUrl} (default {@code http://localhost:3003}; several gateways
 * comma-separated: each virtual user goes to one of them, round robin, and the session
 * pools are opened on all of them), {@code bridge.sessions} (REST sessions shared by the
 * virtual users, default 50), {@code bridge.mcpPath} (path of the MCP Streamable HTTP
 * endpoint, default {@code /mcp}; {@code off} leaves MCP traffic out),
 * {@code bridge.mcpShare} (percent of the mix's calls sent as MCP {@code tools/call}
 * instead of REST, default 20), {@code bridge.mcpSessions} (MCP sessions of that share,
 * default 20).
 */
final class BridgeLoad {

	static final List<String> BASE_URLS = baseUrls(stringProperty("bridge.baseUrl", "http://localhost:3003"));

	static final String MCP_PATH = stringProperty("bridge.mcpPath", "/mcp");

	private static final String MCP_ACCEPT = "application/json, text/event-stream";

	private static final String MCP_VERSION = "2025-06-18";

	private static final String MCP_INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
			+ "{\"protocolVersion\":\"" + MCP_VERSION + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"gatling\","
			+ "\"version\":\"1\"}}}";

	private static final String MCP_INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

	private static final Pattern SESSION_ID = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");

	private final List<String> sessions = Collections.synchronizedList(new ArrayList<>());

	/**
	 * MCP sessions with the endpoint that opened them (a session is used where it was
	 * opened).
	 */
	private final List<McpSession> mcpSessions = Collections.synchronizedList(new ArrayList<>());

	private final AtomicLong next = new AtomicLong();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	record McpSession(String url, String id) {
	}

	static HttpProtocolBuilder protocol() {
		return http.baseUrls(BASE_URLS)
			.contentTypeHeader("application/json")
			.acceptHeader("application/json")
			.shareConnections();
	}

	/**
	 * Opens the session pools, spread over the gateways; call it from
	 * {@code Simulation.before()}. Plain JDK HTTP, outside Gatling's statistics: the
	 * simulations measure tool calls (SmokeSimulation also measures the handshakes in
	 * scenarios of their own).
	 */
	void openSessions() {
		int count = intProperty("bridge.sessions", 50);
		for (int i = 0; i < count; i++) {
			String base = BASE_URLS.get(i % BASE_URLS.size());
			HttpResponse<String> response = post(base + "/mcp/initialize", "{}", Map.of());
			Matcher id = SESSION_ID.matcher(response.body());
			if (response.statusCode() != 200 || !id.find()) {
				throw new IllegalStateException(
						"initialize at " + base + " answered " + response.statusCode() + ": " + response.body());
			}
			sessions.add(id.group(1));
		}
		if (mcpShare() > 0) {
			int mcpCount = intProperty("bridge.mcpSessions", 20);
			for (int i = 0; i < mcpCount; i++) {
				mcpSessions.add(openMcpSession(BASE_URLS.get(i % BASE_URLS.size()) + MCP_PATH));
			}
		}
	}

	private McpSession openMcpSession(String url) {
		HttpResponse<String> init = post(url, MCP_INITIALIZE, Map.of("Accept", MCP_ACCEPT));
		String id = init.headers().firstValue("Mcp-Session-Id").orElse(null);
		if (init.statusCode() != 200 || id == null) {
			throw new IllegalStateException("MCP initialize at " + url + " answered " + init.statusCode()
					+ " (session id " + id + "): " + init.body() + " (-Dbridge.mcpPath=off leaves MCP traffic out)");
		}
		HttpResponse<String> initialized = post(url, MCP_INITIALIZED,
				Map.of("Accept", MCP_ACCEPT, "Mcp-Session-Id", id, "MCP-Protocol-Version", MCP_VERSION));
		if (initialized.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"notifications/initialized at " + url + " answered " + initialized.statusCode());
		}
		return new McpSession(url, id);
	}

	private HttpResponse<String> post(String url, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot reach " + url + " (is the stack running?): " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Endless feeder: sessions of the pools (round robin) and freshly drawn request
	 * bodies.
	 */
	Iterator<Map<String, Object>> feeder() {
		return Stream.generate(() -> {
			long n = next.getAndIncrement();
			Map<String, Object> record = new HashMap<>(HomeTraffic.nextRecord());
			record.put("sessionId", sessions.get((int) (n % sessions.size())));
			record.put("callId", n);
			if (!mcpSessions.isEmpty()) {
				McpSession mcp = mcpSessions.get((int) (n % mcpSessions.size()));
				record.put("mcpUrl", mcp.url());
				record.put("mcpSession", mcp.id());
			}
			return record;
		}).iterator();
	}

	/**
	 * One tool call drawn from the seed's mix (60/15/15/5/5 %), sent through the MCP
	 * endpoint for {@code bridge.mcpShare} percent of the calls and through the REST API
	 * for the others.
	 */
	ChainBuilder mixedCall() {
		double mcp = mcpShare();
		if (mcp <= 0) {
			return feed(feeder()).exec(seedMix(false));
		}
		return feed(feeder()).randomSwitch()
			.on(percent(mcp).then(seedMix(true)), percent(100.0 - mcp).then(seedMix(false)));
	}

	private static ChainBuilder seedMix(boolean mcp) {
		return exec(randomSwitch().on(percent(60.0).then(call(mcp, "get_entity_state", "CRITICAL", "entityState")),
				percent(15.0).then(call(mcp, "get_entities", "HIGH", "entities")),
				percent(15.0).then(call(mcp, "call_service", "MEDIUM", "service")),
				percent(5.0).then(call(mcp, "create_automation", "LOW", "automation")),
				percent(5.0).then(call(mcp, "get_history", "BULK", "history"))));
	}

	private static ChainBuilder call(boolean mcp, String tool, String priority, String bodyKey) {
		return exec(mcp ? mcpToolCall(tool, priority, bodyKey) : restToolCall(tool, priority, bodyKey));
	}

	private static HttpRequestActionBuilder restToolCall(String tool, String priority, String bodyKey) {
		return http(tool).post("/mcp/tools/call")
			.header("X-Session-ID", "#{sessionId}")
			.header("X-Priority", priority)
			.body(StringBody("#{" + bodyKey + "}"))
			.check(status().is(200), jsonPath("$.result.isError").is("false"));
	}

	/**
	 * On a pooled MCP session, at the absolute URL it was opened on. Answers may be JSON
	 * or an SSE stream.
	 */
	private static HttpRequestActionBuilder mcpToolCall(String tool, String priority, String bodyKey) {
		return http("mcp " + tool).post("#{mcpUrl}")
			.header("Accept", MCP_ACCEPT)
			.header("Mcp-Session-Id", "#{mcpSession}")
			.header("MCP-Protocol-Version", MCP_VERSION)
			.header("X-Priority", priority)
			.body(StringBody(
					"{\"jsonrpc\":\"2.0\",\"id\":#{callId},\"method\":\"tools/call\",\"params\":#{" + bodyKey + "}}"))
			.check(status().is(200), regex("\"isError\"\\s*:\\s*false").exists());
	}

	/** A client that opens a REST session: measures initialize itself. */
	static ScenarioBuilder initializeScenario() {
		return scenario("initialize").exec(http("initialize").post("/mcp/initialize")
			.body(StringBody("{}"))
			.check(status().is(200), jsonPath("$.result.session_id").exists()));
	}

	/**
	 * A new client of the MCP endpoint: initialize, the initialized notification, one
	 * tools/call of get_entity_state (measures the handshake; the mix's MCP calls use
	 * pooled sessions).
	 */
	static ScenarioBuilder mcpHandshakeScenario() {
		return scenario("mcp handshake")
			.exec(http("mcp initialize").post(MCP_PATH)
				.header("Accept", MCP_ACCEPT)
				.body(StringBody(MCP_INITIALIZE))
				.check(status().is(200), header("Mcp-Session-Id").saveAs("mcpSession")))
			.exec(http("mcp initialized").post(MCP_PATH)
				.header("Accept", MCP_ACCEPT)
				.header("Mcp-Session-Id", "#{mcpSession}")
				.header("MCP-Protocol-Version", MCP_VERSION)
				.body(StringBody(MCP_INITIALIZED))
				.check(status().in(200, 202)))
			.exec(feed(Stream.generate(HomeTraffic::nextRecord).iterator()))
			.exec(http("mcp tools/call").post(MCP_PATH)
				.header("Accept", MCP_ACCEPT)
				.header("Mcp-Session-Id", "#{mcpSession}")
				.header("MCP-Protocol-Version", MCP_VERSION)
				.body(StringBody("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":#{entityState}}"))
				.check(status().is(200), regex("\"isError\"\\s*:\\s*false").exists()));
	}

	/**
	 * Percent of the mix sent through the MCP endpoint: 0 with
	 * {@code -Dbridge.mcpPath=off}.
	 */
	static double mcpShare() {
		return mcpEnabled() ? Math.max(0, Math.min(100, doubleProperty("bridge.mcpShare", 20))) : 0;
	}

	static boolean mcpEnabled() {
		return !MCP_PATH.equalsIgnoreCase("off");
	}

	/**
	 * {@code bridge.baseUrl}: one URL or several comma-separated (trailing slashes
	 * dropped).
	 */
	static List<String> baseUrls(String csv) {
		List<String> urls = Stream.of(csv.split(","))
			.map(String::trim)
			.filter(url -> !url.isEmpty())
			.map(url -> url.replaceAll("/+$", ""))
			.toList();
		if (urls.isEmpty()) {
			throw new IllegalArgumentException("bridge.baseUrl names no URL: " + csv);
		}
		return urls;
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
