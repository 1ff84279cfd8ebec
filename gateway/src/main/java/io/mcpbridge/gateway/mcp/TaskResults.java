package io.mcpbridge.gateway.mcp;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskProperties;
import io.mcpbridge.gateway.task.TaskTracker;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * tasks/result (2025-11-25): the task's outcome once terminal. A live task is followed in
 * Redis, off the servlet thread, until it ends or {@code bridge.tasks.result-wait}
 * passes. The questions its upstream asks meanwhile (the task is then
 * {@code input_required}) turn the answer into an SSE stream: each question is sent as
 * the request it is, tagged with the task, and the client answers it by posting its
 * response to any replica; the outcome is the stream's last event. The waiters count
 * against the gateway's stream bound.
 */
@Component
class TaskResults {

	private static final Logger log = LoggerFactory.getLogger(TaskResults.class);

	private final TaskProperties properties;

	private final TaskTracker tracker;

	private final TaskInputs inputs;

	private final StreamScheduler scheduler;

	TaskResults(TaskProperties properties, TaskTracker tracker, TaskInputs inputs, StreamScheduler scheduler) {
		this.properties = properties;
		this.tracker = tracker;
		this.inputs = inputs;
		this.scheduler = scheduler;
	}

	void serve(Task task, JsonNode id, HttpServletRequest http, Map<String, String> headers) {
		AsyncContext async = http.startAsync();
		Waiter waiter = new Waiter(async, id, task, headers);
		if (task.status().terminal()) {
			waiter.end(outcome(id, task));
			return;
		}
		scheduler.acquire();
		long waitMs = properties.resultWait().toMillis();
		async.setTimeout(waitMs + McpCalls.EXCHANGE_MARGIN.toMillis());
		waiter.until = System.currentTimeMillis() + waitMs;
		scheduler.after(0, waiter::poll);
	}

	private static JsonNode outcome(JsonNode id, Task task) {
		ReplyEnvelope reply = task.reply();
		return reply.isSuccess() ? JsonRpc.result(id, TaskWire.relatedResult(reply.result(), task.taskId()))
				: JsonRpc.error(id, reply.error(), task.taskId());
	}

	/** One tasks/result waiting for its task. */
	private final class Waiter {

		private final AsyncContext async;

		private final JsonNode id;

		private final Task task;

		private final Map<String, String> headers;

		private final Set<String> sent = new HashSet<>();

		private SseWriter stream;

		private long until;

		Waiter(AsyncContext async, JsonNode id, Task task, Map<String, String> headers) {
			this.async = async;
			this.id = id;
			this.task = task;
			this.headers = headers;
		}

		void poll() {
			Optional<Task> current;
			try {
				current = tracker.current(task.tenant(), task.taskId());
			}
			catch (RuntimeException redisTrouble) {
				current = Optional.of(task);
			}
			long now = System.currentTimeMillis();
			if (current.isPresent() && !current.get().status().terminal()) {
				if (!sendQuestions(current.get())) {
					scheduler.release();
					async.complete();
					return;
				}
				if (now < until) {
					scheduler.after(Math.min(task.pollIntervalMs(), until - now), this::poll);
					return;
				}
			}
			scheduler.release();
			if (current.isEmpty()) {
				end(JsonRpc.error(id, JsonRpcCodes.INVALID_PARAMS, "the task expired", null));
			}
			else if (!current.get().status().terminal()) {
				end(JsonRpc.error(id, JsonRpcCodes.REQUEST_TIMEOUT, "the task is still working; ask tasks/result again",
						null));
			}
			else {
				end(outcome(id, current.get()));
			}
		}

		/**
		 * Sends the questions not sent yet; false when the client has gone.
		 */
		private boolean sendQuestions(Task current) {
			try {
				for (RequestState.Input question : inputs.pending(current).values()) {
					if (sent.add(question.inputId())) {
						send(question(question));
					}
				}
				return true;
			}
			catch (IOException gone) {
				log.debug("tasks/result of {}: the client went away", task.taskId());
				return false;
			}
			catch (RuntimeException redisTrouble) {
				// Asked again at the next poll.
				return true;
			}
		}

		private JsonNode question(RequestState.Input input) {
			ObjectNode message = BridgeJson.mapper().createObjectNode();
			message.put("jsonrpc", "2.0");
			message.put("id", input.inputId());
			message.set("method", input.request().get("method"));
			ObjectNode params = input.request().get("params") instanceof ObjectNode object ? object.deepCopy()
					: message.putObject("params");
			ObjectNode meta = params.get("_meta") instanceof ObjectNode existing ? existing : params.putObject("_meta");
			meta.putObject(TaskWire.RELATED_TASK).put("taskId", task.taskId());
			message.set("params", params);
			return message;
		}

		private void send(JsonNode message) throws IOException {
			if (stream == null) {
				HttpServletResponse response = (HttpServletResponse) async.getResponse();
				headers.forEach(response::setHeader);
				stream = SseWriter.start(response);
			}
			stream.event(null, BridgeJson.mapper().writeValueAsString(message));
		}

		void end(JsonNode message) {
			try {
				if (stream == null) {
					McpServlet.writeJson((HttpServletResponse) async.getResponse(), 200, message, headers);
				}
				else {
					send(message);
				}
			}
			catch (IOException gone) {
				log.debug("tasks/result of {}: the client went away", task.taskId());
			}
			finally {
				async.complete();
			}
		}

	}

}
