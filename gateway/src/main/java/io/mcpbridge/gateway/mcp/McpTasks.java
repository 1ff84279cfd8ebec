package io.mcpbridge.gateway.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.cache.CacheControl;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.call.CallOptions;
import io.mcpbridge.gateway.call.CallPipeline;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskProperties;
import io.mcpbridge.gateway.task.TaskStatus;
import io.mcpbridge.gateway.task.TaskStore;
import io.mcpbridge.gateway.task.TaskSupport;
import io.mcpbridge.gateway.task.TaskTracker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The gateway as the receiver of MCP tasks (2025-11-25, session era): a task-augmented
 * tools/call is queued like an asynchronous REST request and answered at once with its
 * task; tasks/get, tasks/result, tasks/list and tasks/cancel are served from Redis by any
 * replica. A task belongs to the session that created it: another session's task id is
 * unknown here.
 */
@Component
class McpTasks {

	static final String GET = "tasks/get";

	static final String RESULT = "tasks/result";

	static final String LIST = "tasks/list";

	static final String CANCEL = "tasks/cancel";

	/** How long queueing a task's request may take before the create fails. */
	private static final Duration QUEUE_WAIT = Duration.ofSeconds(15);

	private final TaskProperties properties;

	private final TaskStore store;

	private final TaskTracker tracker;

	private final McpCalls calls;

	private final CallPipeline pipeline;

	private final RequestCancellations cancellations;

	private final TaskResults results;

	private final TaskInputs inputs;

	McpTasks(TaskProperties properties, TaskStore store, TaskTracker tracker, McpCalls calls, CallPipeline pipeline,
			RequestCancellations cancellations, TaskResults results, TaskInputs inputs) {
		this.properties = properties;
		this.store = store;
		this.tracker = tracker;
		this.calls = calls;
		this.pipeline = pipeline;
		this.cancellations = cancellations;
		this.results = results;
		this.inputs = inputs;
	}

	boolean enabled() {
		return properties.enabled();
	}

	static boolean isTaskMethod(String method) {
		return GET.equals(method) || RESULT.equals(method) || LIST.equals(method) || CANCEL.equals(method);
	}

	/** Whether a request asks to run as a task ({@code params.task}). */
	boolean augmented(String method, JsonNode params) {
		return properties.enabled() && Methods.TOOLS_CALL.equals(method) && params != null && params.has("task")
				&& !params.get("task").isNull();
	}

	/**
	 * A tools/call without {@code task} for a tool the policy says must run as a task:
	 * the specification's answer is -32601.
	 */
	void checkNotRequired(String method, JsonNode params) {
		if (properties.enabled() && Methods.TOOLS_CALL.equals(method) && params != null
				&& params.path("name").isString()
				&& properties.support(params.get("name").asString()) == TaskSupport.REQUIRED) {
			throw new McpError(200, JsonRpcCodes.METHOD_NOT_FOUND,
					"tool " + params.get("name").asString() + " must be called as a task (params.task)");
		}
	}

	/** tools/list as the bridge serves it: each tool's task support by its policy. */
	McpCall.Shape toolsListShape() {
		return (result, cache) -> TaskWire.withTaskSupport(result, properties);
	}

	/**
	 * Queues a task-augmented tools/call and answers its task at once (2025-11-25 shape).
	 */
	void create(McpCall call, HttpServletRequest http, HttpServletResponse response) {
		String tool = call.params().path("name").asString("");
		if (properties.support(tool) == TaskSupport.FORBIDDEN) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS, "tool " + tool + " cannot be called as a task");
		}
		Task task = submit(call, http, requestedTtl(call.params().get("task")));
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		result.set("task", TaskWire.task(task));
		McpServlet.writeJson(response, 200, JsonRpc.result(call.clientId(), result), call.headers());
	}

	/**
	 * The TTL a client asked in {@code params.task.ttl} (milliseconds), null for none.
	 * Not a positive integer: -32602; more than {@code bridge.tasks.max-ttl}: cut to it
	 * later.
	 */
	static Long requestedTtl(JsonNode taskParam) {
		if (taskParam == null || !taskParam.isObject()) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS, "params.task must be an object");
		}
		JsonNode ttl = taskParam.get("ttl");
		if (ttl == null || ttl.isNull()) {
			return null;
		}
		if (!ttl.isIntegralNumber() || ttl.bigIntegerValue().signum() <= 0) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS,
					"params.task.ttl must be a positive integer (milliseconds)");
		}
		// Beyond a long, it is longer than any TTL granted anyway.
		return ttl.canConvertToLong() ? ttl.asLong() : Long.MAX_VALUE;
	}

	/**
	 * Stores the task, then queues its request through the pipeline, like an asynchronous
	 * REST request. The task is stored first, so a tasks/get right after the answer finds
	 * it; a request that cannot be queued leaves no task behind.
	 * @param requestedTtlMs the TTL the client asked, null for the default
	 */
	Task submit(McpCall call, HttpServletRequest http, Long requestedTtlMs) {
		RequestEnvelope request = calls.envelope(call, http);
		long now = System.currentTimeMillis();
		Task task = Task.working(request.requestId(), call.tenant(), call.sessionId(), request.tool(), now,
				properties.grantedTtlMs(requestedTtlMs), properties.pollInterval().toMillis(),
				request.deadlineEpochMs());
		store.create(task);
		try {
			pipeline
				.accept(CallContext.of(call.tenant(), http.getRemoteAddr()), request, CallOptions.of(CacheControl.NONE))
				.get(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException failed) {
			store.delete(task);
			if (failed instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			Throwable cause = failed instanceof ExecutionException ? failed.getCause() : failed;
			if (cause instanceof BridgeException bridge) {
				throw bridge;
			}
			throw new BridgeException(ErrorCode.QUEUE_UNAVAILABLE, "the task could not be queued; retry later",
					request.requestId());
		}
		return task;
	}

	/** tasks/get, tasks/list, tasks/cancel and tasks/result of a session. */
	void serve(String tenant, String sessionId, String method, JsonNode id, JsonNode params, HttpServletRequest http,
			HttpServletResponse response, Map<String, String> headers) {
		switch (method) {
			case GET -> McpServlet.writeJson(response, 200, JsonRpc.result(id, wire(owned(tenant, sessionId, params))),
					headers);
			case LIST ->
				McpServlet.writeJson(response, 200, JsonRpc.result(id, list(tenant, sessionId, params)), headers);
			case CANCEL -> McpServlet.writeJson(response, 200,
					JsonRpc.result(id, TaskWire.task(cancel(tenant, sessionId, params))), headers);
			case RESULT -> results.serve(owned(tenant, sessionId, params), id, http, headers);
			default -> throw new McpError(200, JsonRpcCodes.METHOD_NOT_FOUND, "Method not found: " + method);
		}
	}

	/**
	 * The task as tasks/get shows it: {@code input_required} while a question of its
	 * upstream waits for the client.
	 */
	private ObjectNode wire(Task task) {
		return TaskWire.task(task, !inputs.pending(task).isEmpty());
	}

	/**
	 * The task {@code params.taskId} names, as it stands now, if {@code sessionId} (null:
	 * none) owns it; else -32602, whether it is unknown, expired or another's.
	 */
	Task owned(String tenant, String sessionId, JsonNode params) {
		JsonNode taskId = params == null ? null : params.get("taskId");
		if (taskId == null || !taskId.isString() || !Identifiers.isValidId(taskId.asString())) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS,
					"params.taskId must be a task id (1-128 letters, digits, '.', '_', ':', '@', '-')");
		}
		return tracker.current(tenant, taskId.asString())
			.filter(task -> task.ownedBy(sessionId))
			.orElseThrow(() -> new McpError(200, JsonRpcCodes.INVALID_PARAMS, "Failed to retrieve task: no task "
					+ taskId.asString() + " (unknown, expired, or another session's)"));
	}

	private ObjectNode list(String tenant, String sessionId, JsonNode params) {
		long offset = TaskCursor.decode(tenant, sessionId, params == null ? null : params.get("cursor"));
		TaskStore.Page page = store.list(tenant, sessionId, offset);
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		var tasks = result.putArray("tasks");
		for (Task task : page.tasks()) {
			tracker.current(tenant, task.taskId()).ifPresent(current -> tasks.add(wire(current)));
		}
		if (page.next() != null) {
			result.put("nextCursor", TaskCursor.encode(tenant, sessionId, page.next()));
		}
		return result;
	}

	/**
	 * Stops the task's request through the ordinary cancellation path (a queued request
	 * never runs, a running one is stopped by its worker) and records it cancelled.
	 */
	private Task cancel(String tenant, String sessionId, JsonNode params) {
		Task task = owned(tenant, sessionId, params);
		if (task.status().terminal()) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS,
					"Cannot cancel task: already in terminal status " + task.status().wire());
		}
		return cancel(task);
	}

	/** Cancels a task still live; returns it as stored afterwards. */
	Task cancel(Task task) {
		String tenant = task.tenant();
		String reason = "cancelled by tasks/cancel";
		cancellations.cancel(tenant, task.taskId(), reason);
		ReplyEnvelope cancelled = new ReplyEnvelope(task.taskId(), tenant, null,
				ReplyError.of(ErrorCode.CANCELLED, reason), null, System.currentTimeMillis(), false, null);
		return tracker.finish(task.finished(TaskStatus.CANCELLED, reason, cancelled, System.currentTimeMillis()))
			.orElse(task);
	}

}
