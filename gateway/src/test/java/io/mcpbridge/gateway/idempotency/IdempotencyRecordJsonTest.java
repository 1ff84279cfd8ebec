package io.mcpbridge.gateway.idempotency;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ReplyEnvelope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyRecordJsonTest {

	@Test
	void aRecordInFlightHasNoReplyField() {
		String json = BridgeJson.mapper().writeValueAsString(new IdempotencyRecord("fp", 5, "gw-a", null));
		assertThat(json).isEqualTo("{\"fingerprint\":\"fp\",\"deadline_ms\":5,\"gateway\":\"gw-a\"}");
	}

	@Test
	void aCompletedRecordRoundTripsItsReply() {
		ReplyEnvelope reply = new ReplyEnvelope("r1", "acme", BridgeJson.mapper().readTree("{\"ok\":true}"), null, "w1",
				7, false, null);
		IdempotencyRecord record = new IdempotencyRecord("fp", 5, "gw-a", null).withReply(reply);
		String json = BridgeJson.mapper().writeValueAsString(record);
		assertThat(BridgeJson.mapper().readValue(json, IdempotencyRecord.class)).isEqualTo(record);
	}

}
