package io.mcpbridge.gateway.task;

import java.util.Optional;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.gateway.reply.RequestFollower;

/**
 * Where a task stands, from what Redis holds of its request: the status follows the
 * request's outcome. Pure, so that every replica decides alike.
 */
final class TaskProgress {

	private TaskProgress() {
	}

	/**
	 * @param task the stored task
	 * @param outcome the request's reply, if any replica or worker stored one
	 * @return the task unchanged while it works, or finished with its outcome
	 */
	static Task settle(Task task, Optional<ReplyEnvelope> outcome, long nowEpochMs) {
		if (task.status().terminal()) {
			return task;
		}
		if (outcome.isPresent()) {
			ReplyEnvelope reply = outcome.get();
			if (reply.isSuccess()) {
				// A tool that answered with isError ran and failed: the task failed, its
				// result (tasks/result) is still the tool's answer.
				boolean toolError = reply.result() != null && reply.result().path("isError").asBoolean(false);
				return task.finished(toolError ? TaskStatus.FAILED : TaskStatus.COMPLETED,
						toolError ? "the tool reported an error" : null, reply, nowEpochMs);
			}
			ReplyError error = reply.error();
			TaskStatus status = error.code() == ErrorCode.CANCELLED ? TaskStatus.CANCELLED : TaskStatus.FAILED;
			return task.finished(status, error.message(), reply, nowEpochMs);
		}
		if (nowEpochMs > task.deadlineEpochMs() + RequestFollower.LATE_RESULT_GRACE.toMillis()) {
			ReplyEnvelope timedOut = new ReplyEnvelope(task.taskId(), task.tenant(), null,
					ReplyError.of(ErrorCode.TIMEOUT, "the request passed its deadline without a result"), null,
					nowEpochMs, false, null);
			return task.finished(TaskStatus.FAILED, timedOut.error().message(), timedOut, nowEpochMs);
		}
		return task;
	}

}
