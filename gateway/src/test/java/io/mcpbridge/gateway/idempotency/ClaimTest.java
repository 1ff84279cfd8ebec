package io.mcpbridge.gateway.idempotency;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimTest {

	private final IdempotencyRecord first = new IdempotencyRecord("fp-1", 1_000, "gw-a", null);

	@Test
	void withoutAnEarlierRecordTheRequestIsFirst() {
		assertThat(Claim.decide(null, "fp-1", "r1")).isInstanceOf(Claim.First.class);
	}

	@Test
	void theSameRequestUnderAKnownIdIsARepeatOfTheFirst() {
		Claim claim = Claim.decide(first, "fp-1", "r1");
		assertThat(claim).isEqualTo(new Claim.Repeat(first));
	}

	@Test
	void aDifferentRequestUnderAKnownIdIsAConflict() {
		assertThatThrownBy(() -> Claim.decide(first, "fp-2", "r1")).isInstanceOf(BridgeException.class)
			.satisfies(failure -> {
				assertThat(((BridgeException) failure).code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
				assertThat(ErrorCode.IDEMPOTENCY_CONFLICT.httpStatus()).isEqualTo(409);
				assertThat(((BridgeException) failure).requestId()).isEqualTo("r1");
			});
	}

}
