package io.mcpbridge.gateway.mcp;

import java.time.Instant;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.protocol.ProtocolVersions;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shapes of the {@code io.modelcontextprotocol/tasks} extension (SEP-2663), which the
 * 2026-07-28 revision uses instead of the 2025-11-25 tasks ({@link TaskWire}): a flat
 * {@code CreateTaskResult} ({@code resultType: "task"}), durations named {@code ttlMs}
 * and {@code pollIntervalMs}, the outcome inlined in tasks/get's {@code DetailedTask},
 * and empty acknowledgements for tasks/update and tasks/cancel. A tool that ran and
 * reported an error is {@code completed} (its result says {@code isError}); only a
 * JSON-RPC error (the upstream's or the bridge's: timeout, crash) is {@code failed}.
 */
final class TaskExtensionWire {

	/** The extension's identifier, under {@code capabilities.extensions}. */
	static final String EXTENSION = "io.modelcontextprotocol/tasks";

	private TaskExtensionWire() {
	}

	/** The answer to the tools/call that created the task. */
	static ObjectNode created(Task task) {
		return envelope(task, "task", task.status().wire());
	}

	/**
	 * tasks/get: the task, with its result or error once terminal, or the questions that
	 * wait for the client.
	 */
	static ObjectNode detailed(Task task, Map<String, RequestState.Input> pending) {
		ReplyEnvelope reply = task.reply();
		if (task.status().terminal()) {
			// The tool ran: whatever it reported, the task completed (a failed one has an
			// error).
			String status = reply.isSuccess() ? TaskStatus.COMPLETED.wire() : task.status().wire();
			ObjectNode wire = envelope(task, "complete", status);
			if (reply.isSuccess()) {
				wire.set("result", reply.result());
			}
			else if (task.status() == TaskStatus.FAILED) {
				wire.set("error", JsonRpc.answer(null, reply).get("error"));
			}
			return wire;
		}
		if (pending.isEmpty()) {
			return envelope(task, "complete", TaskStatus.WORKING.wire());
		}
		ObjectNode wire = envelope(task, "complete", TaskStatus.INPUT_REQUIRED.wire());
		ObjectNode requests = wire.putObject("inputRequests");
		pending.forEach((key, input) -> requests.set(key, input.request()));
		return wire;
	}

	/**
	 * tasks/update and tasks/cancel: an acknowledgement, the state is read with
	 * tasks/get.
	 */
	static ObjectNode ack() {
		ObjectNode wire = BridgeJson.mapper().createObjectNode();
		wire.put("resultType", "complete");
		return wire;
	}

	/** What a client must declare to accept tasks, as -32021's data names it. */
	static ObjectNode requiredCapabilities() {
		ObjectNode data = BridgeJson.mapper().createObjectNode();
		data.putObject("requiredCapabilities").putObject("extensions").putObject(EXTENSION);
		return data;
	}

	/** Whether a 2026-07-28 request's capabilities accept the extension. */
	static boolean accepted(JsonNode params) {
		return params != null && params.path("_meta")
			.path(ProtocolVersions.META_CLIENT_CAPABILITIES)
			.path("extensions")
			.path(EXTENSION)
			.isObject();
	}

	private static ObjectNode envelope(Task task, String resultType, String status) {
		ObjectNode wire = BridgeJson.mapper().createObjectNode();
		wire.put("resultType", resultType);
		wire.put("taskId", task.taskId());
		wire.put("status", status);
		if (task.statusMessage() != null) {
			wire.put("statusMessage", task.statusMessage());
		}
		wire.put("createdAt", Instant.ofEpochMilli(task.createdEpochMs()).toString());
		wire.put("lastUpdatedAt", Instant.ofEpochMilli(task.updatedEpochMs()).toString());
		wire.put("ttlMs", task.ttlMs());
		wire.put("pollIntervalMs", task.pollIntervalMs());
		return wire;
	}

}
