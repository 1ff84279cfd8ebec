package io.mcpbridge.worker.pool;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test fixture, never a production server: a minimal stdio MCP server whose one tool,
 * {@code get_env}, answers the value of the environment variable named by its
 * {@code name} argument (empty when unset) and its own process id, so that tests can see
 * which variables a pooled child got; with {@code sleep_ms} it first holds its process
 * that long, to keep a pool busy.
 */
public final class EnvEchoServer {

	private EnvEchoServer() {
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode request = BridgeJson.mapper().readTree(line);
			if (!request.has("id")) {
				continue; // a notification
			}
			ObjectNode response = BridgeJson.mapper().createObjectNode();
			response.put("jsonrpc", "2.0");
			response.set("id", request.get("id"));
			response.set("result", result(request.path("method").asString(), request.path("params")));
			out.println(BridgeJson.mapper().writeValueAsString(response));
		}
	}

	private static ObjectNode result(String method, JsonNode params) {
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		switch (method) {
			case "initialize" -> {
				result.put("protocolVersion", params.path("protocolVersion").asString("2025-11-25"));
				result.putObject("capabilities").putObject("tools");
				result.putObject("serverInfo").put("name", "env-echo").put("version", "1");
			}
			case "tools/list" -> {
				ObjectNode tool = result.putArray("tools").addObject();
				tool.put("name", "get_env");
				tool.putObject("inputSchema").put("type", "object");
			}
			case "tools/call" -> {
				// Holds the process for a while (this server answers one request at a
				// time).
				long sleepMs = params.path("arguments").path("sleep_ms").asLong(0);
				if (sleepMs > 0) {
					try {
						Thread.sleep(Math.min(sleepMs, 60_000));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				String name = params.path("arguments").path("name").asString("");
				String value = System.getenv(name);
				ObjectNode content = result.putArray("content").addObject();
				content.put("type", "text");
				content.put("text", value == null ? "" : value);
				result.putObject("structuredContent")
					.put("value", value == null ? "" : value)
					.put("pid", ProcessHandle.current().pid());
			}
			default -> {
				// ping and anything else: an empty result
			}
		}
		return result;
	}

}
