package io.mcpbridge.homesim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.mcpbridge.homesim.fault.FaultInjector;
import io.mcpbridge.homesim.fault.FaultRates;
import io.mcpbridge.homesim.home.Home;
import io.mcpbridge.homesim.home.HomeAccess;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The tool layer without a process: result shapes, error results, the call log. */
class HomeToolsTest {

	private final McpJsonMapper mapper = McpJsonDefaults.getMapper();

	@TempDir
	Path dir;

	private CallToolResult call(HomeTools tools, String name, Map<String, Object> arguments) {
		SyncToolSpecification spec = tools.specifications()
			.stream()
			.filter(s -> s.tool().name().equals(name))
			.findFirst()
			.orElseThrow();
		return spec.callHandler().apply(null, new McpSchema.CallToolRequest(name, arguments));
	}

	private HomeTools tools(CallLog log) {
		return new HomeTools(HomeAccess.inMemory(Home.create(42)),
				new ToolInvoker(this.mapper, log, 0, new FaultInjector(FaultRates.NONE, null, 42)));
	}

	private Map<String, Object> textAsJson(CallToolResult result) throws Exception {
		return this.mapper.readValue(((McpSchema.TextContent) result.content().get(0)).text(), new TypeRef<>() {
		});
	}

	@Test
	void resultCarriesTheSameJsonAsTextAndStructuredContent() throws Exception {
		CallToolResult result = call(tools(CallLog.NONE), "get_entity_state", Map.of("entity_id", "light.kitchen"));
		assertThat(result.isError()).isFalse();
		assertThat(result.structuredContent()).isEqualTo(textAsJson(result));
		assertThat(textAsJson(result)).containsEntry("entity_id", "light.kitchen")
			.containsEntry("state", "on")
			.containsEntry("last_changed", "2026-01-01T00:00:00Z");
	}

	@Test
	void sixToolsWithTruthfulAnnotations() {
		List<McpSchema.Tool> tools = tools(CallLog.NONE).specifications()
			.stream()
			.map(SyncToolSpecification::tool)
			.toList();
		assertThat(tools).extracting(McpSchema.Tool::name)
			.containsExactly("get_entities", "get_entity_state", "call_service", "get_services", "create_automation",
					"get_history");
		assertThat(tools).filteredOn(t -> t.name().startsWith("get_"))
			.allSatisfy(t -> assertThat(t.annotations().readOnlyHint()).isTrue());
		McpSchema.ToolAnnotations callService = tools.get(2).annotations();
		assertThat(callService.readOnlyHint()).isFalse();
		assertThat(callService.destructiveHint()).isFalse();
		assertThat(callService.idempotentHint()).isFalse();
	}

	@Test
	void badRequestsBecomeErrorResults() {
		HomeTools tools = tools(CallLog.NONE);
		assertThat(call(tools, "get_entity_state", Map.of()).isError()).isTrue();
		assertThat(call(tools, "get_entity_state", Map.of("entityId", "light.kitchen")).content().toString())
			.contains("unknown argument(s) [entityId]");
		assertThat(call(tools, "get_entities", Map.of("domain", "vacuum")).structuredContent()).isEqualTo(
				Map.of("error", "unknown_domain", "message", "Unknown domain: vacuum (known: light, switch, sensor, "
						+ "climate, cover, binary_sensor, automation)"));
		assertThat(call(tools, "get_history", Map.of("entity_id", "switch.tv", "start", "yesterday")).isError())
			.isTrue();
		assertThat(call(tools, "call_service",
				Map.of("domain", "light", "service", "turn_on", "entity_id", "light.kitchen", "data", "bright"))
			.isError()).isTrue();
	}

	@Test
	void createdAutomationShowsUpInGetEntities() {
		HomeTools tools = tools(CallLog.NONE);
		CallToolResult created = call(tools, "create_automation", Map
			.of("alias", "Porch at sunset", "trigger", Map.of("platform", "sun", "event", "sunset"), "action", List
				.of(Map.of("service", "light.turn_on", "entity_id", "light.porch", "data", Map.of("brightness", 90)))));
		assertThat(created.isError()).isFalse();
		assertThat(call(tools, "get_entities", Map.of("domain", "automation")).structuredContent())
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("count", 1);
	}

	@Test
	void everyCallAppendsOneLogLine() throws Exception {
		Path file = this.dir.resolve("calls.jsonl");
		try (CallLog log = CallLog.open(file, this.mapper)) {
			HomeTools tools = tools(log);
			call(tools, "get_services", null);
			call(tools, "get_entity_state", Map.of("entity_id", "nope.nope"));
		}
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(2);
		Map<String, Object> second = this.mapper.readValue(lines.get(1), new TypeRef<>() {
		});
		assertThat(second).containsEntry("tool", "get_entity_state")
			.containsEntry("arguments", Map.of("entity_id", "nope.nope"))
			.containsKeys("start_us", "end_us", "pid");
		assertThat(((Number) second.get("end_us")).longValue())
			.isGreaterThanOrEqualTo(((Number) second.get("start_us")).longValue());
	}

}
