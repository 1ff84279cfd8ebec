package io.mcpbridge.standalone.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Streamable HTTP endpoint against the real stack (broker, Redis, worker, home-sim
 * processes).
 */
@ExtendWith(SharedStack.class)
class McpEndpointIT {

	private BridgeHttp http;

	private McpClient mcp;

	@BeforeEach
	void connect(StandaloneStack stack) {
		http = new BridgeHttp(stack.gatewayPort());
		mcp = new McpClient(http, "/mcp");
	}

	@Test
	void aSessionInitializesListsAndCallsToolsWithTheUpstreamsOwnAnswers() {
		BridgeHttp.Response init = mcp.post(null,
				mcp.request("initialize",
						"{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\""
								+ "it\",\"version\":\"1\"}}"));
		assertThat(init.status()).isEqualTo(200);
		String session = init.header("Mcp-Session-Id");
		assertThat(session).matches("[0-9a-f]{32}");
		JsonNode result = init.json().path("result");
		assertThat(result.path("protocolVersion").asString()).isEqualTo("2025-11-25");
		assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("home-sim");
		assertThat(result.path("capabilities").has("tools")).isTrue();

		assertThat(mcp.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").status())
			.isEqualTo(202);

		BridgeHttp.Response tools = mcp.post(session, mcp.request("tools/list", "{}"));
		assertThat(tools.status()).isEqualTo(200);
		assertThat(tools.json().path("result").path("tools").valueStream().map(tool -> tool.path("name").asString()))
			.contains("get_entity_state", "call_service");

		BridgeHttp.Response state = mcp.post(session, mcp.request("tools/call",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"sensor.outdoor_temperature\"}}"));
		assertThat(state.status()).isEqualTo(200);
		JsonNode answer = McpClient.messages(state).get(0);
		assertThat(answer.path("id").asInt()).isEqualTo(3);
		assertThat(answer.path("result").path("structuredContent").path("entity_id").asString())
			.isEqualTo("sensor.outdoor_temperature");
	}

	@Test
	void anUnknownToolIsTheUpstreamsJsonRpcErrorWithItsCode() {
		String session = mcp.initialize("{}");

		JsonNode answer = mcp.post(session, mcp.request("tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}"))
			.json();

		assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(answer.path("error").path("message").asString()).startsWith("Unknown tool");
	}

	@Test
	void pingAndLoggingLevelAreAnswered() {
		String session = mcp.initialize("{}");

		assertThat(mcp.post(session, mcp.request("ping", null)).json().path("result").isObject()).isTrue();
		assertThat(mcp.post(session, mcp.request("logging/setLevel", "{\"level\":\"warning\"}"))
			.json()
			.path("result")
			.isObject()).isTrue();
		assertThat(mcp.post(session, mcp.request("logging/setLevel", "{\"level\":\"loud\"}"))
			.json()
			.path("error")
			.path("code")
			.asInt()).isEqualTo(-32602);
	}

	@Test
	void sessionRulesMissingIs400UnknownIs404DeletedIs404() {
		assertThat(mcp.post(null, mcp.request("tools/list", "{}")).status()).isEqualTo(400);
		assertThat(mcp.post("0123456789abcdef0123456789abcdef", mcp.request("tools/list", "{}")).status())
			.isEqualTo(404);

		String session = mcp.initialize("{}");
		BridgeHttp.Response deleted = http.delete("/mcp", "Mcp-Session-Id", session);
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(mcp.post(session, mcp.request("tools/list", "{}")).status()).isEqualTo(404);
	}

	@Test
	void transportRulesAreEnforcedWithJsonRpcErrors() {
		String body = mcp.request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}}");
		BridgeHttp.Response jsonOnly = http.post("/mcp", body, "Accept", "application/json");
		assertThat(jsonOnly.status()).isEqualTo(406);
		assertThat(jsonOnly.json().path("error").path("code").asInt()).isEqualTo(-32600);

		BridgeHttp.Response garbage = http.post("/mcp", "{not json", "Accept", McpClient.ACCEPT_BOTH);
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.json().path("error").path("code").asInt()).isEqualTo(-32700);

		BridgeHttp.Response batch = http.post("/mcp", "[" + body + "]", "Accept", McpClient.ACCEPT_BOTH);
		assertThat(batch.status()).isEqualTo(400);

		BridgeHttp.Response foreign = http.post("/mcp", body, "Accept", McpClient.ACCEPT_BOTH, "Origin",
				"http://evil.example");
		assertThat(foreign.status()).isEqualTo(403);
		assertThat(http.post("/mcp", body, "Accept", McpClient.ACCEPT_BOTH, "Origin", "http://localhost:6274").status())
			.isEqualTo(200);
	}

	@Test
	void aForeignHostIsRefused(StandaloneStack stack) throws IOException {
		String body = mcp.request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}}");
		try (Socket socket = new Socket("127.0.0.1", stack.gatewayPort())) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /mcp HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n"
					+ "Accept: application/json, text/event-stream\r\nContent-Length: "
					+ body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String statusLine = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
			assertThat(statusLine).contains(" 403");
		}
	}

	@Test
	void theStatelessRevisionDiscoversAndCallsWithoutASession() {
		String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
				+ "\"io.modelcontextprotocol/clientCapabilities\":{}}";
		BridgeHttp.Response discover = http.post("/mcp",
				"{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{" + meta + "}}", "Accept",
				McpClient.ACCEPT_BOTH, "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "server/discover");
		assertThat(discover.status()).isEqualTo(200);
		assertThat(discover.header("Mcp-Session-Id")).isNull();
		JsonNode result = discover.json().path("result");
		assertThat(result.path("supportedVersions").get(0).asString()).isEqualTo("2026-07-28");
		assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asString())
			.isEqualTo("home-sim");

		String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\""
				+ ":\"get_entity_state\"," + "\"arguments\":{\"entity_id\":\"light.kitchen\"}," + meta + "}}";
		BridgeHttp.Response answer = http.post("/mcp", call, "Accept", McpClient.ACCEPT_BOTH, "MCP-Protocol-Version",
				"2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "get_entity_state");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode message = McpClient.messages(answer).get(0);
		assertThat(message.path("result").path("resultType").asString()).isEqualTo("complete");
		assertThat(message.path("result").path("structuredContent").path("entity_id").asString())
			.isEqualTo("light.kitchen");

		BridgeHttp.Response mismatch = http.post("/mcp", call, "Accept", McpClient.ACCEPT_BOTH, "MCP-Protocol-Version",
				"2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "call_service");
		assertThat(mismatch.status()).isEqualTo(400);
		assertThat(mismatch.json().path("error").path("code").asInt()).isEqualTo(-32020);

		BridgeHttp.Response unknown = http.post("/mcp",
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope/nothing\",\"params\":{" + meta + "}}", "Accept",
				McpClient.ACCEPT_BOTH, "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "nope/nothing");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().path("error").path("code").asInt()).isEqualTo(-32601);
	}

	@Test
	void getAndDeleteAre405InTheStatelessRevision() {
		assertThat(http.get("/mcp", "Accept", "text/event-stream", "MCP-Protocol-Version", "2026-07-28").status())
			.isEqualTo(405);
		assertThat(http.delete("/mcp", "MCP-Protocol-Version", "2026-07-28").status()).isEqualTo(405);
	}

	@Test
	void aNamedUpstreamPathRoutesToIt() {
		McpClient home = new McpClient(http, "/mcp/u/home");
		String session = home.initialize("{}");
		assertThat(McpClient.messages(home.post(session, home.request("tools/list", "{}")))
			.get(0)
			.path("result")
			.path("tools")
			.size()).isGreaterThan(3);

		List<JsonNode> unknown = McpClient.messages(new McpClient(http, "/mcp/u/nowhere").post(null,
				mcp.request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}}")));
		assertThat(unknown.get(0).path("error").path("data").path("bridge_code").asString())
			.isEqualTo("UNKNOWN_UPSTREAM");
	}

}
