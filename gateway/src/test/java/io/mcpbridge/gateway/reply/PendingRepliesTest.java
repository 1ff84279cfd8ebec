package io.mcpbridge.gateway.reply;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.reply.PendingReplies.Registration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingRepliesTest {

	private final PendingReplies pending = new PendingReplies(TestProperties.withMaxPending(2));

	private static ReplyEnvelope reply(String requestId, String tenant) {
		return new ReplyEnvelope(requestId, tenant, BridgeJson.mapper().readTree("{\"ok\":true}"), null, "w", 0, false,
				null);
	}

	@Test
	void aReplyCompletesItsWaiterAndFreesTheSlot() {
		Registration registration = pending.register("r1", "acme");
		pending.complete(reply("r1", "acme"));
		assertThat(registration.reply()).isCompleted();
		assertThat(registration.reply().join().requestId()).isEqualTo("r1");
		assertThat(pending.size()).isZero();
	}

	@Test
	void pastTheBoundNewRequestsAreRefused() {
		pending.register("r1", "acme");
		pending.register("r2", "acme");
		assertThatThrownBy(() -> pending.register("r3", "acme")).isInstanceOf(BridgeException.class)
			.extracting(failure -> ((BridgeException) failure).code())
			.isEqualTo(ErrorCode.OVERLOADED);
	}

	@Test
	void aSecondRegistrationOfAPendingIdJoinsTheFirst() {
		Registration first = pending.register("r1", "acme");
		Registration second = pending.register("r1", "acme");
		assertThat(first.isNew()).isTrue();
		assertThat(second.isNew()).isFalse();
		assertThat(second.reply()).isSameAs(first.reply());
	}

	@Test
	void aReplyOfAnotherTenantIsDropped() {
		Registration registration = pending.register("r1", "acme");
		pending.complete(reply("r1", "intruder"));
		assertThat(registration.reply()).isNotDone();
	}

	@Test
	void aLateReplyIsDroppedQuietly() {
		pending.complete(reply("nobody-waits", "acme"));
		assertThat(pending.size()).isZero();
	}

	@Test
	void shutdownFailsEveryWaiter() {
		Registration registration = pending.register("r1", "acme");
		pending.destroy();
		assertThat(registration.reply()).isCompletedExceptionally();
		assertThat(pending.size()).isZero();
	}

}
