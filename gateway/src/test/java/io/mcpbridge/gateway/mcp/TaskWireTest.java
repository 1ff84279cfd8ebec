package io.mcpbridge.gateway.mcp;

import java.time.Duration;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class TaskWireTest {

	private static final TaskProperties POLICY = new TaskProperties(true, Duration.ofMinutes(10), Duration.ofHours(1),
			10, Duration.ofSeconds(1), Duration.ofSeconds(60), "optional", Map.of("wipe", "forbidden"));

	@Test
	void aTaskCarriesTheFieldsTheSpecificationNames() {
		Task task = Task.working("t-1", "acme", "s-1", "echo", 0L, 60_000, 1000, 30_000);

		JsonNode wire = TaskWire.task(task);

		assertThat(wire.propertyNames()).containsExactlyInAnyOrder("taskId", "status", "createdAt", "lastUpdatedAt",
				"ttl", "pollInterval");
		assertThat(wire.get("status").asString()).isEqualTo("working");
		assertThat(wire.get("createdAt").asString()).isEqualTo("1970-01-01T00:00:00Z");
		assertThat(wire.get("ttl").asLong()).isEqualTo(60_000);
	}

	@Test
	void toolsListAnnouncesTheBridgesPolicyOverTheUpstreams() {
		JsonNode list = BridgeJson.mapper().readTree("""
						{"tools":[{"name":"echo","execution":{"taskSupport":"forbidden"}},{"name":"wipe"}],
				"nextCursor":"c"}""");

		JsonNode shaped = TaskWire.withTaskSupport(list, POLICY);

		assertThat(shaped.at("/tools/0/execution/taskSupport").asString()).isEqualTo("optional");
		assertThat(shaped.at("/tools/1/execution/taskSupport").asString()).isEqualTo("forbidden");
		assertThat(shaped.get("nextCursor").asString()).isEqualTo("c");
		assertThat(list.at("/tools/1").has("execution")).as("the cached original is not changed").isFalse();
	}

	@Test
	void aTasksResultNamesItsTask() {
		JsonNode result = TaskWire.relatedResult(BridgeJson.mapper().readTree("{\"content\":[],\"_meta\":{\"a\":1}}"),
				"t-1");

		assertThat(result.at("/_meta/io.modelcontextprotocol~1related-task/taskId").asString()).isEqualTo("t-1");
		assertThat(result.at("/_meta/a").asInt()).isEqualTo(1);
	}

}
