package io.mcpbridge.gateway.api;

import java.util.Optional;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.idempotency.IdempotencyRecord;
import io.mcpbridge.gateway.reply.RequestFollower;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestStatusTest {

	private static final long DEADLINE = 10_000;

	private final ReplyEnvelope reply = new ReplyEnvelope("r1", "acme", BridgeJson.mapper().readTree("{\"ok\":true}"),
			null, "w1", 1, false, null);

	private final IdempotencyRecord inFlight = new IdempotencyRecord("fp", DEADLINE, "gw-a", null);

	@Test
	void aRecordWithoutAResultIsPendingBeforeItsDeadline() {
		assertThat(RequestStatus.of(Optional.of(inFlight), Optional.empty(), DEADLINE - 1))
			.isInstanceOf(RequestStatus.Pending.class);
	}

	@Test
	void aResultKeyMakesItDone() {
		assertThat(RequestStatus.of(Optional.of(inFlight), Optional.of(reply), DEADLINE - 1))
			.isEqualTo(new RequestStatus.Done(reply));
	}

	@Test
	void theReplyKeptInTheRecordOutlivesTheResultKey() {
		assertThat(RequestStatus.of(Optional.of(inFlight.withReply(reply)), Optional.empty(), DEADLINE * 100))
			.isEqualTo(new RequestStatus.Done(reply));
	}

	@Test
	void aResultKeyAloneIsDoneToo() {
		assertThat(RequestStatus.of(Optional.empty(), Optional.of(reply), 0)).isEqualTo(new RequestStatus.Done(reply));
	}

	@Test
	void withoutAResultPastTheDeadlineAndItsGraceItExpired() {
		long afterGrace = DEADLINE + RequestFollower.LATE_RESULT_GRACE.toMillis() + 1;
		assertThat(RequestStatus.of(Optional.of(inFlight), Optional.empty(), afterGrace))
			.isInstanceOf(RequestStatus.Expired.class);
		assertThat(RequestStatus.of(Optional.of(inFlight), Optional.empty(), DEADLINE + 1))
			.isInstanceOf(RequestStatus.Pending.class);
	}

	@Test
	void nothingStoredIsUnknown() {
		assertThat(RequestStatus.of(Optional.empty(), Optional.empty(), 0)).isInstanceOf(RequestStatus.Unknown.class);
	}

}
