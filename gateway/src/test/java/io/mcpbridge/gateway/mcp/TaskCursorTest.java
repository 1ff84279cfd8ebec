package io.mcpbridge.gateway.mcp;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskCursorTest {

	private static JsonNode text(String value) {
		return BridgeJson.mapper().readTree("\"" + value + "\"");
	}

	@Test
	void aCursorGivenToASessionLeadsItToTheNextPage() {
		String cursor = TaskCursor.encode("acme", "s-1", 50);

		assertThat(TaskCursor.decode("acme", "s-1", text(cursor))).isEqualTo(50);
		assertThat(TaskCursor.decode("acme", "s-1", null)).isZero();
	}

	@Test
	void anotherSessionsOrTenantsCursorIsRefused() {
		String cursor = TaskCursor.encode("acme", "s-1", 50);

		assertThatThrownBy(() -> TaskCursor.decode("acme", "s-2", text(cursor))).isInstanceOf(McpError.class)
			.extracting(error -> ((McpError) error).code())
			.isEqualTo(-32602);
		assertThatThrownBy(() -> TaskCursor.decode("other", "s-1", text(cursor))).isInstanceOf(McpError.class);
	}

	@Test
	void aForgedOrGarbageCursorIsRefused() {
		String genuine = TaskCursor.encode("acme", "s-1", 50);
		String forgedOffset = "100" + genuine.substring(genuine.indexOf('.'));

		for (JsonNode bad : new JsonNode[] { text(forgedOffset), text("50"), text("garbage"), text("x".repeat(5000)),
				text("99999999999999999999.0123456789abcdef"), BridgeJson.mapper().readTree("50") }) {
			assertThatThrownBy(() -> TaskCursor.decode("acme", "s-1", bad)).as("%s", bad).isInstanceOf(McpError.class);
		}
	}

}
