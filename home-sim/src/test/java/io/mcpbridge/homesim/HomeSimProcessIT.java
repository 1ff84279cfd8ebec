package io.mcpbridge.homesim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** home-sim as a real subprocess, driven by the SDK client over stdio. */
class HomeSimProcessIT {

	@TempDir
	Path dir;

	private final ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();

	@Test
	void sdkClientListsToolsChangesStateGetsErrorsAndTheServerExitsOnClose() throws Exception {
		Path callLog = this.dir.resolve("calls.jsonl");
		Set<ProcessHandle> before = HomeSimClients.children();
		McpSyncClient client = HomeSimClients.start(this.stderr, "--call-log=" + callLog);
		Set<ProcessHandle> started = HomeSimClients.children();
		started.removeAll(before);
		assertThat(started).hasSize(1);
		ProcessHandle server = started.iterator().next();

		assertThat(client.getServerInfo().name()).isEqualTo("home-sim");
		List<McpSchema.Tool> tools = client.listTools().tools();
		assertThat(tools).extracting(McpSchema.Tool::name)
			.containsExactlyInAnyOrder("get_entities", "get_entity_state", "call_service", "get_services",
					"create_automation", "get_history");
		assertThat(tools).allSatisfy(tool -> {
			assertThat(tool.annotations()).isNotNull();
			assertThat(tool.annotations().readOnlyHint()).isEqualTo(tool.name().startsWith("get_"));
			assertThat(tool.annotations().openWorldHint()).isFalse();
			assertThat(tool.inputSchema()).containsEntry("type", "object");
		});

		CallToolResult turnedOn = client.callTool(new McpSchema.CallToolRequest("call_service", Map.of("domain",
				"light", "service", "turn_on", "entity_id", "light.bedroom", "data", Map.of("brightness", 120))));
		assertThat(turnedOn.isError()).isFalse();

		CallToolResult state = client
			.callTool(new McpSchema.CallToolRequest("get_entity_state", Map.of("entity_id", "light.bedroom")));
		assertThat(state.isError()).isFalse();
		assertThat(state.structuredContent()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("state", "on")
			.containsEntry("attributes", Map.of("friendly_name", "Bedroom Light", "brightness", 120,
					"supported_color_modes", List.of("brightness")));
		assertThat(((McpSchema.TextContent) state.content().get(0)).text()).contains("\"brightness\":120");

		CallToolResult unknown = client
			.callTool(new McpSchema.CallToolRequest("get_entity_state", Map.of("entity_id", "light.attic")));
		assertThat(unknown.isError()).isTrue();
		assertThat(((McpSchema.TextContent) unknown.content().get(0)).text()).isEqualTo("Unknown entity: light.attic");

		// The SDK server answers an unknown tool name with a JSON-RPC error (-32602
		// invalid params), not a tool
		// result; the call never reaches home-sim's handlers, so it is not in the call
		// log either.
		assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("open_pod_bay_doors", Map.of())))
			.isInstanceOfSatisfying(McpError.class, error -> {
				assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
				assertThat(error.getJsonRpcError().data()).hasToString("Tool not found: open_pod_bay_doors");
			});

		assertThat(Files.readAllLines(callLog)).hasSize(3)
			.allSatisfy(line -> assertThat(line).contains("\"pid\":" + server.pid()))
			.anySatisfy(line -> assertThat(line).startsWith("{\"tool\":\"call_service\""));

		client.closeGracefully();
		await().atMost(Duration.ofSeconds(15)).until(() -> !server.isAlive());
		assertThat(this.stderr).noneMatch(line -> line.contains("ERROR"));
	}

}
