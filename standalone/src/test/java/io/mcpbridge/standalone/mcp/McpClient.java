package io.mcpbridge.standalone.mcp;

import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.standalone.BridgeHttp;
import tools.jackson.databind.JsonNode;

/**
 * A minimal Streamable HTTP client for tests: JSON-RPC over {@link BridgeHttp}, SSE
 * bodies parsed.
 */
final class McpClient {

	static final String ACCEPT_BOTH = "application/json, text/event-stream";

	private final BridgeHttp http;

	private final String path;

	private int nextId = 1;

	McpClient(BridgeHttp http, String path) {
		this.http = http;
		this.path = path;
	}

	/** A session-era initialize; returns the session id. */
	String initialize(String capabilitiesJson) {
		BridgeHttp.Response response = post(null, request("initialize", "{\"protocolVersion\":\"2025-11-25\","
				+ "\"capabilities\":" + capabilitiesJson + ",\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}"));
		if (response.status() != 200) {
			throw new AssertionError("initialize failed: " + response);
		}
		String session = response.header("Mcp-Session-Id");
		post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
		return session;
	}

	String request(String method, String paramsJson) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + (nextId++) + ",\"method\":\"" + method + "\""
				+ (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}";
	}

	BridgeHttp.Response post(String session, String body, String... extraHeaders) {
		List<String> headers = new ArrayList<>(List.of("Accept", ACCEPT_BOTH));
		if (session != null) {
			headers.addAll(List.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25"));
		}
		headers.addAll(List.of(extraHeaders));
		return http.post(path, body, headers.toArray(String[]::new));
	}

	/**
	 * The JSON-RPC messages of a response: its JSON body, or the data of each SSE event.
	 */
	static List<JsonNode> messages(BridgeHttp.Response response) {
		String type = response.header("Content-Type");
		if (type == null || !type.startsWith("text/event-stream")) {
			return List.of(response.json());
		}
		return sseEvents(response.body()).stream()
			.map(SseEvent::data)
			.filter(data -> !data.isEmpty())
			.map(data -> BridgeJson.mapper().readTree(data))
			.toList();
	}

	record SseEvent(String id, String data) {
	}

	static List<SseEvent> sseEvents(String body) {
		List<SseEvent> events = new ArrayList<>();
		var lines = body.lines().iterator();
		SseEvent event;
		while ((event = SseStream.readEvent(lines)) != null) {
			events.add(event);
		}
		return events;
	}

}
