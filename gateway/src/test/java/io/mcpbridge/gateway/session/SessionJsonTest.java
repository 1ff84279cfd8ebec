package io.mcpbridge.gateway.session;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionJsonTest {

	@Test
	void roundTrips() {
		Session session = Session.start("s", "acme", "home", BridgeJson.mapper().readTree("{\"name\":\"c\"}"),
				"2025-06-18", 1000, 60_000);

		String json = BridgeJson.mapper().writeValueAsString(session);

		assertThat(json).contains("\"last_seen_ms\":1000", "\"idle_ttl_ms\":60000").doesNotContain("expires");
		assertThat(BridgeJson.mapper().readValue(json, Session.class)).isEqualTo(session);
	}

	@Test
	void aSessionStoredBeforeLastSeenExistedStillReads() {
		Session session = BridgeJson.mapper()
			.readValue("{\"id\":\"s\",\"tenant\":\"acme\",\"upstream\":\"home\",\"created_ms\":5}", Session.class);

		assertThat(session.lastSeenEpochMs()).isZero();
		assertThat(session.idleTtlMs()).isZero();
	}

}
