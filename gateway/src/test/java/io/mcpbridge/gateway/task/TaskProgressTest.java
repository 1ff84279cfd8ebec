package io.mcpbridge.gateway.task;

import java.util.Optional;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.gateway.reply.RequestFollower;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskProgressTest {

	private static final long NOW = 1_000_000L;

	private final Task working = Task.working("t-1", "acme", "s-1", "echo", NOW, 60_000, 1000, NOW + 30_000);

	private static ReplyEnvelope success(String resultJson) {
		return new ReplyEnvelope("t-1", "acme", BridgeJson.mapper().readTree(resultJson), null, "w", NOW, false, null);
	}

	private static ReplyEnvelope failure(ErrorCode code) {
		return new ReplyEnvelope("t-1", "acme", null, ReplyError.of(code, "why"), "w", NOW, false, null);
	}

	@Test
	void aTaskWithoutOutcomeBeforeItsDeadlineKeepsWorking() {
		assertThat(TaskProgress.settle(working, Optional.empty(), NOW + 10)).isSameAs(working);
	}

	@Test
	void aSuccessfulReplyCompletesTheTaskAndKeepsTheResult() {
		Task done = TaskProgress.settle(working, Optional.of(success("{\"content\":[]}")), NOW + 10);

		assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
		assertThat(done.reply().result().has("content")).isTrue();
		assertThat(done.updatedEpochMs()).isEqualTo(NOW + 10);
	}

	@Test
	void aToolErrorFailsTheTask() {
		Task done = TaskProgress.settle(working, Optional.of(success("{\"content\":[],\"isError\":true}")), NOW);

		assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
	}

	@Test
	void aCancelledReplyCancelsAndAnyOtherErrorFails() {
		assertThat(TaskProgress.settle(working, Optional.of(failure(ErrorCode.CANCELLED)), NOW).status())
			.isEqualTo(TaskStatus.CANCELLED);
		Task failed = TaskProgress.settle(working, Optional.of(failure(ErrorCode.UPSTREAM_CRASHED)), NOW);
		assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
		assertThat(failed.statusMessage()).isEqualTo("why");
	}

	@Test
	void aTaskPastItsDeadlineAndTheGraceFailsWithATimeout() {
		long late = working.deadlineEpochMs() + RequestFollower.LATE_RESULT_GRACE.toMillis() + 1;

		Task failed = TaskProgress.settle(working, Optional.empty(), late);

		assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
		assertThat(failed.reply().error().code()).isEqualTo(ErrorCode.TIMEOUT);
	}

	@Test
	void aTerminalTaskNeverChanges() {
		Task cancelled = TaskProgress.settle(working, Optional.of(failure(ErrorCode.CANCELLED)), NOW);

		assertThat(TaskProgress.settle(cancelled, Optional.of(success("{}")), NOW + 5)).isSameAs(cancelled);
	}

}
