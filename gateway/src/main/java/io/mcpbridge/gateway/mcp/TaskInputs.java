package io.mcpbridge.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The questions an upstream asks while a task runs (sampling, elicitation, roots). Nobody
 * holds a task's request, so the worker's relay only appends them to the request's event
 * list; a question whose id the task's answer set lacks waits for the client and makes
 * the task {@code input_required}. The client answers with tasks/update (2026-07-28), or
 * with a JSON-RPC response to the question that tasks/result streamed (session era); each
 * answer goes to the waiting worker like any other ({@link InputForwarder}, which also
 * records it with the task).
 */
@Component
class TaskInputs {

	/** The most questions of one task read and shown at once. */
	static final int MAX_PENDING = 64;

	private final EventLog events;

	private final TaskStore store;

	private final InputForwarder forwarder;

	TaskInputs(EventLog events, TaskStore store, InputForwarder forwarder) {
		this.events = events;
		this.store = store;
		this.forwarder = forwarder;
	}

	/**
	 * The task's questions still unanswered, by key (the upstream's own when it names
	 * one, else the question's unguessable id); none once the task is terminal.
	 */
	Map<String, RequestState.Input> pending(Task task) {
		if (task.status().terminal()) {
			return Map.of();
		}
		List<JsonNode> asked = events.after(task.tenant(), task.sessionId(), task.taskId(), 0)
			.stream()
			.filter(InputRound::isInputRequest)
			.limit(MAX_PENDING)
			.toList();
		if (asked.isEmpty()) {
			return Map.of();
		}
		Set<String> answered = store.answers(task.tenant(), task.taskId());
		Map<String, RequestState.Input> pending = new LinkedHashMap<>();
		for (JsonNode question : asked) {
			String inputId = question.get("id").asString("");
			if (!answered.contains(inputId)) {
				pending.put(InputRound.keyOf(question, inputId, pending.keySet()),
						new RequestState.Input(inputId, InputRound.inputRequest(question)));
			}
		}
		return pending;
	}

	/**
	 * tasks/update: forwards the answers to questions still pending; keys that name none
	 * are ignored (answered already, or never asked). Every answer is checked before any
	 * is forwarded.
	 */
	void answer(Task task, JsonNode responses) {
		if (responses == null || !responses.isObject()) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS, "params.inputResponses must be an object");
		}
		Map<String, JsonNode> answers = new LinkedHashMap<>();
		pending(task).forEach((key, input) -> {
			JsonNode answer = responses.get(key);
			if (answer == null || answer.isNull()) {
				return;
			}
			if (!answer.isObject()) {
				throw new McpError(200, JsonRpcCodes.INVALID_PARAMS, "inputResponses." + key + " must be an object");
			}
			answers.put(input.inputId(), answer);
		});
		answers.forEach((inputId, answer) -> {
			ObjectNode response = BridgeJson.mapper().createObjectNode();
			response.put("jsonrpc", "2.0");
			response.put("id", inputId);
			response.set("result", answer);
			try {
				forwarder.forward(task.tenant(), task.sessionId(), response);
			}
			catch (McpError gone) {
				// The question's deadline passed meanwhile: the task is failing already.
			}
		});
	}

}
