package io.mcpbridge.gateway.mcp;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ServerCapabilitiesTest {

	private static JsonNode json(String text) {
		return BridgeJson.mapper().readTree(text);
	}

	@Test
	void theUpstreamsOwnTasksCapabilityIsNotAnnounced() {
		JsonNode upstream = json("""
				{"tools":{},"tasks":{"list":{},"cancel":{},"requests":{"tools":{"call":{}}}}}""");

		assertThat(ServerCapabilities.of(upstream).has("tasks")).isFalse();
	}

	@Test
	void experimentalAndExtensionsAndUnknownFieldsAreRemoved() {
		JsonNode upstream = json("""
				{"tools":{},"experimental":{"x":{}},"extensions":{"io.modelcontextprotocol/tasks":{}},"other":{}}""");

		assertThat(ServerCapabilities.of(upstream).propertyNames()).containsExactlyInAnyOrder("tools", "logging");
	}

	@Test
	void requestResponseFeaturesAreKeptWithoutTheirNotifications() {
		JsonNode upstream = json("""
				{"tools":{"listChanged":true},"resources":{"subscribe":true,"listChanged":true},
				 "prompts":{"listChanged":true},"completions":{},"logging":{}}""");

		assertThat(ServerCapabilities.of(upstream)).isEqualTo(json("""
				{"tools":{},"resources":{},"prompts":{},"completions":{},"logging":{}}"""));
	}

	@Test
	void loggingIsAnnouncedEvenWhenTheUpstreamHasNone() {
		assertThat(ServerCapabilities.of(null)).isEqualTo(json("{\"logging\":{}}"));
	}

}
