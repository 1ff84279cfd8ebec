package io.mcpbridge.gateway.task;

import java.util.Optional;

import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.idempotency.IdempotencyRecord;
import io.mcpbridge.gateway.idempotency.IdempotencyStore;
import io.mcpbridge.gateway.reply.ResultReader;

import org.springframework.stereotype.Component;

/**
 * Brings a task up to date with its request, on whichever replica is asked: the reply the
 * submitting gateway kept under the request id, or else the worker's result key. A
 * terminal state found here is written back to the task, so the result outlives the
 * workers' shorter result TTL (and the gateway that submitted the request).
 */
@Component
public class TaskTracker {

	private final TaskStore store;

	private final IdempotencyStore records;

	private final ResultReader results;

	TaskTracker(TaskStore store, IdempotencyStore records, ResultReader results) {
		this.store = store;
		this.records = records;
		this.results = results;
	}

	/** The task as it stands now; empty when unknown or expired. */
	public Optional<Task> current(String tenant, String taskId) {
		return store.find(tenant, taskId).flatMap(this::refresh);
	}

	/** Records a terminal state; the first one stored wins. */
	public Optional<Task> finish(Task finished) {
		return store.finish(finished);
	}

	private Optional<Task> refresh(Task task) {
		if (task.status().terminal()) {
			return Optional.of(task);
		}
		Optional<ReplyEnvelope> outcome = records.find(task.tenant(), task.taskId())
			.map(IdempotencyRecord::reply)
			.or(() -> results.find(task.tenant(), task.taskId()));
		Task settled = TaskProgress.settle(task, outcome, System.currentTimeMillis());
		return settled == task ? Optional.of(task) : store.finish(settled);
	}

}
