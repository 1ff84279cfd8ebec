package io.mcpbridge.common;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestEnvelopeJsonTest {

	private final JsonMapper json = BridgeJson.mapper();

	private RequestEnvelope sample() {
		return new RequestEnvelope("req-1", "default", "sess-1", "home", Methods.TOOLS_CALL, "call_service",
				json.readTree("{\"entity_id\":\"light.kitchen\",\"brightness\":120}"), Priority.MEDIUM, 1_000L, "gw-1",
				"light.kitchen", Map.of("traceparent", "00-abc-def-01"), 500L);
	}

	@Test
	void roundTripKeepsEveryField() {
		RequestEnvelope original = sample();
		RequestEnvelope copy = json.readValue(json.writeValueAsString(original), RequestEnvelope.class);
		assertThat(copy).isEqualTo(original);
	}

	@Test
	void theWriteFlagRoundTripsAndIsFalseWhenAbsent() {
		RequestEnvelope write = sample().asWrite();
		assertThat(json.readValue(json.writeValueAsString(write), RequestEnvelope.class).write()).isTrue();
		assertThat(sample().write()).isFalse();
		String withoutFlag = json.writeValueAsString(sample()).replace(",\"write\":false", "");
		assertThat(withoutFlag).doesNotContain("\"write\"");
		assertThat(json.readValue(withoutFlag, RequestEnvelope.class).write()).isFalse();
	}

	@Test
	void wireNamesAreSnakeCase() {
		String text = json.writeValueAsString(sample());
		assertThat(text).contains("\"request_id\":\"req-1\"", "\"deadline_ms\":1000", "\"reply_to\":\"gw-1\"",
				"\"priority\":\"MEDIUM\"");
	}

	@Test
	void unknownFieldsAreIgnored() {
		String text = json.writeValueAsString(sample()).replaceFirst("\\{", "{\"added_later\":42,");
		assertThat(json.readValue(text, RequestEnvelope.class).requestId()).isEqualTo("req-1");
	}

	@Test
	void missingOptionalFieldsBecomeDefaults() {
		String text = "{\"request_id\":\"r\",\"tenant\":\"t\",\"session_id\":\"s\",\"upstream\":\"home\","
				+ "\"method\":\"tools/list\",\"priority\":\"HIGH\",\"deadline_ms\":5,\"reply_to\":\"g\"}";
		RequestEnvelope envelope = json.readValue(text, RequestEnvelope.class);
		assertThat(envelope.tool()).isNull();
		assertThat(envelope.arguments()).isNull();
		assertThat(envelope.trace()).isEmpty();
		assertThat(envelope.entity()).as("entity falls back to the session").isEqualTo("s");
	}

	@Test
	void nullFieldsAreOmitted() {
		RequestEnvelope listing = new RequestEnvelope("r", "t", "s", "home", Methods.TOOLS_LIST, null, null,
				Priority.HIGH, 5, "g", null, null, 0);
		assertThat(json.writeValueAsString(listing)).doesNotContain("\"tool\"", "\"arguments\"");
	}

	@Test
	void toolsCallWithoutToolIsRejected() {
		assertThatThrownBy(() -> new RequestEnvelope("r", "t", "s", "home", Methods.TOOLS_CALL, null, null,
				Priority.HIGH, 5, "g", null, null, 0))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("tool name");
	}

	@Test
	void routingKeyIsTenantUpstreamEntity() {
		assertThat(sample().routingKey()).isEqualTo("default/home/light.kitchen");
	}

	@Test
	void tenantWithBracesIsRejected() {
		assertThatThrownBy(() -> new RequestEnvelope("r", "evil}{x", "s", "home", Methods.TOOLS_LIST, null, null,
				Priority.HIGH, 5, "g", null, null, 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
