package io.mcpbridge.gateway.task;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.ReplyEnvelope;

/**
 * One task as stored in Redis under {@code mcp:{tenant}:task:<id>}. Its id is the
 * bridge's request id (a random UUID, so unguessable), which makes the task readable as
 * {@code GET /mcp/requests/{id}} too.
 *
 * @param taskId the task's (and the request's) id
 * @param tenant owner
 * @param sessionId the session that created it, null for a request without one; only its
 * owner lists, reads or cancels it
 * @param tool the tool called
 * @param createdEpochMs creation time
 * @param updatedEpochMs last change of status
 * @param ttlMs how long the task and its result are kept after creation
 * @param pollIntervalMs the polling interval suggested to the client
 * @param deadlineEpochMs the queued request's deadline
 * @param status current status
 * @param statusMessage why, for failed and cancelled tasks; may be null
 * @param reply the request's outcome once terminal (kept for the whole TTL, beyond the
 * workers' result TTL), null before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Task(@JsonProperty("task_id") String taskId, @JsonProperty("tenant") String tenant,
		@JsonProperty("session_id") String sessionId, @JsonProperty("tool") String tool,
		@JsonProperty("created_ms") long createdEpochMs, @JsonProperty("updated_ms") long updatedEpochMs,
		@JsonProperty("ttl_ms") long ttlMs, @JsonProperty("poll_interval_ms") long pollIntervalMs,
		@JsonProperty("deadline_ms") long deadlineEpochMs, @JsonProperty("status") TaskStatus status,
		@JsonProperty("status_message") String statusMessage, @JsonProperty("reply") ReplyEnvelope reply) {

	public Task {
		Identifiers.requireId("task id", taskId);
		Objects.requireNonNull(status, "status");
		if (status.terminal() != (reply != null)) {
			throw new IllegalArgumentException("a terminal task holds its reply, a live one none: " + status);
		}
	}

	/** A task just created: working, no outcome yet. */
	public static Task working(String taskId, String tenant, String sessionId, String tool, long nowEpochMs, long ttlMs,
			long pollIntervalMs, long deadlineEpochMs) {
		return new Task(taskId, tenant, sessionId, tool, nowEpochMs, nowEpochMs, ttlMs, pollIntervalMs, deadlineEpochMs,
				TaskStatus.WORKING, null, null);
	}

	/** The same task with its outcome. */
	public Task finished(TaskStatus terminal, String message, ReplyEnvelope outcome, long nowEpochMs) {
		return new Task(taskId, tenant, sessionId, tool, createdEpochMs, nowEpochMs, ttlMs, pollIntervalMs,
				deadlineEpochMs, terminal, message, outcome);
	}

	/** When the task and its result are forgotten. */
	public long expiresEpochMs() {
		return createdEpochMs + ttlMs;
	}

	/** Whether the given session (null: none) owns this task. */
	public boolean ownedBy(String session) {
		return Objects.equals(sessionId, session);
	}

}
