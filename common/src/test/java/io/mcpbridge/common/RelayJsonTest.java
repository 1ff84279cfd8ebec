package io.mcpbridge.common;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RelayJsonTest {

	private final JsonMapper json = BridgeJson.mapper();

	@Test
	void aStatelessRelayRoundTrips() {
		Relay original = new Relay(true, true, false, true, "warning", true);

		assertThat(json.readValue(json.writeValueAsString(original), Relay.class)).isEqualTo(original);
	}

	@Test
	void aRelayFromBeforeTheStatelessFieldIsASessionOne() {
		Relay old = json.readValue("{\"events\":true,\"sampling\":true,\"elicitation\":false,\"roots\":false}",
				Relay.class);

		assertThat(old.stateless()).isFalse();
		assertThat(old.logs("debug")).isTrue();
	}

	@Test
	void aStatelessClientGetsLogMessagesOnlyAtTheLevelItAskedFor() {
		assertThat(new Relay(true, false, false, false, null, true).logs("emergency")).isFalse();
		assertThat(new Relay(true, false, false, false, "error", true).logs("info")).isFalse();
		assertThat(new Relay(true, false, false, false, "error", true).logs("critical")).isTrue();
	}

}
