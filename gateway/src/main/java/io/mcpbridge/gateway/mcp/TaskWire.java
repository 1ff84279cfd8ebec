package io.mcpbridge.gateway.mcp;

import java.time.Instant;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskProperties;
import io.mcpbridge.gateway.task.TaskStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP 2025-11-25 shapes of tasks: the {@code Task} object, the server's {@code tasks}
 * capability, tools' {@code execution.taskSupport}, and the {@code related-task} metadata
 * of a task's result.
 */
final class TaskWire {

	static final String RELATED_TASK = "io.modelcontextprotocol/related-task";

	private TaskWire() {
	}

	/** The {@code Task} object (also the whole result of tasks/get and tasks/cancel). */
	static ObjectNode task(Task task) {
		return task(task, false);
	}

	/**
	 * The {@code Task} object; a live task whose upstream waits for the client's answer
	 * is {@code input_required}.
	 */
	static ObjectNode task(Task task, boolean waitsForInput) {
		ObjectNode wire = BridgeJson.mapper().createObjectNode();
		wire.put("taskId", task.taskId());
		wire.put("status",
				waitsForInput && !task.status().terminal() ? TaskStatus.INPUT_REQUIRED.wire() : task.status().wire());
		if (task.statusMessage() != null) {
			wire.put("statusMessage", task.statusMessage());
		}
		wire.put("createdAt", Instant.ofEpochMilli(task.createdEpochMs()).toString());
		wire.put("lastUpdatedAt", Instant.ofEpochMilli(task.updatedEpochMs()).toString());
		wire.put("ttl", task.ttlMs());
		wire.put("pollInterval", task.pollIntervalMs());
		return wire;
	}

	/** What the bridge serves: tasks/list, tasks/cancel, task-augmented tools/call. */
	static ObjectNode capability() {
		ObjectNode tasks = BridgeJson.mapper().createObjectNode();
		tasks.putObject("list");
		tasks.putObject("cancel");
		tasks.putObject("requests").putObject("tools").putObject("call");
		return tasks;
	}

	/**
	 * A tools/list result with each tool's {@code execution.taskSupport} set by the
	 * bridge's policy (the upstream's own says nothing about what the bridge serves).
	 */
	static JsonNode withTaskSupport(JsonNode toolsList, TaskProperties policy) {
		if (!(toolsList instanceof ObjectNode list) || !list.path("tools").isArray()) {
			return toolsList;
		}
		ObjectNode copy = list.deepCopy();
		for (JsonNode tool : copy.get("tools")) {
			if (tool instanceof ObjectNode object && tool.path("name").isString()) {
				ObjectNode execution = object.get("execution") instanceof ObjectNode existing ? existing
						: object.putObject("execution");
				execution.put("taskSupport", policy.support(tool.get("name").asString()).wire());
			}
		}
		return copy;
	}

	/** A task's result as tasks/result answers it: tagged with the task it belongs to. */
	static JsonNode relatedResult(JsonNode result, String taskId) {
		ObjectNode copy = result instanceof ObjectNode object ? object.deepCopy()
				: BridgeJson.mapper().createObjectNode();
		ObjectNode meta = copy.get("_meta") instanceof ObjectNode existing ? existing : copy.putObject("_meta");
		meta.putObject(RELATED_TASK).put("taskId", taskId);
		return copy;
	}

}
