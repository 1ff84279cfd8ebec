package io.mcpbridge.gateway.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
import jakarta.servlet.AsyncContext;
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

	private final StreamScheduler scheduler;

	McpTasks(TaskProperties properties, TaskStore store, TaskTracker tracker, McpCalls calls, CallPipeline pipeline,
			RequestCancellations cancellations, StreamScheduler scheduler) {
		this.properties = properties;
		this.store = store;
		this.tracker = tracker;
		this.calls = calls;
		this.pipeline = pipeline;
		this.cancellations = cancellations;
		this.scheduler = scheduler;
	}

	boolean enabled() {
		return properties.enabled();
	}

	static boolean isTaskMethod(String method) {
		return GET.equals(method) || RESULT.equals(method) || LIST.equals(method) || CANCEL.equals(method);
	}

	/** Whether a request asks to run as a task ({@code params.task}). */
	boolean augmented(String method, JsonNode params) {
		return properties.enabled() && Methods.TOOLS_CALL.equals(method) && params != null
				&& params.path("task").isObject();
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
	 * Queues a task-augmented tools/call and answers its task at once. The task is stored
	 * before the request is queued, so a tasks/get right after the answer finds it.
	 */
	void create(McpCall call, HttpServletRequest http, HttpServletResponse response) {
		String tool = call.params().path("name").asString("");
		if (properties.support(tool) == TaskSupport.FORBIDDEN) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS, "tool " + tool + " cannot be called as a task");
		}
		JsonNode ttl = call.params().path("task").get("ttl");
		if (ttl != null && !ttl.isNull() && !ttl.isIntegralNumber()) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS, "params.task.ttl must be an integer (milliseconds)");
		}
		RequestEnvelope request = calls.envelope(call, http);
		long now = System.currentTimeMillis();
		Task task = Task.working(request.requestId(), call.tenant(), call.sessionId(), request.tool(), now,
				properties.grantedTtlMs(ttl == null || ttl.isNull() ? null : ttl.asLong()),
				properties.pollInterval().toMillis(), request.deadlineEpochMs());
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
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		result.set("task", TaskWire.task(task));
		McpServlet.writeJson(response, 200, JsonRpc.result(call.clientId(), result), call.headers());
	}

	/** tasks/get, tasks/list, tasks/cancel and tasks/result of a session. */
	void serve(String tenant, String sessionId, String method, JsonNode id, JsonNode params, HttpServletRequest http,
			HttpServletResponse response, Map<String, String> headers) {
		switch (method) {
			case GET -> McpServlet.writeJson(response, 200,
					JsonRpc.result(id, TaskWire.task(owned(tenant, sessionId, params))), headers);
			case LIST ->
				McpServlet.writeJson(response, 200, JsonRpc.result(id, list(tenant, sessionId, params)), headers);
			case CANCEL -> McpServlet.writeJson(response, 200,
					JsonRpc.result(id, TaskWire.task(cancel(tenant, sessionId, params))), headers);
			case RESULT -> result(owned(tenant, sessionId, params), id, http, headers);
			default -> throw new McpError(200, JsonRpcCodes.METHOD_NOT_FOUND, "Method not found: " + method);
		}
	}

	private Task owned(String tenant, String sessionId, JsonNode params) {
		String taskId = params == null ? null : params.path("taskId").asString(null);
		if (taskId == null || !Identifiers.isValidId(taskId)) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS, "params.taskId must name a task");
		}
		return tracker.current(tenant, taskId)
			.filter(task -> task.ownedBy(sessionId))
			.orElseThrow(() -> new McpError(200, JsonRpcCodes.INVALID_PARAMS,
					"Failed to retrieve task: no task " + taskId + " (unknown, expired, or another session's)"));
	}

	private ObjectNode list(String tenant, String sessionId, JsonNode params) {
		long offset = 0;
		JsonNode cursor = params == null ? null : params.get("cursor");
		if (cursor != null && !cursor.isNull()) {
			if (!cursor.isString() || !cursor.asString().matches("[0-9]{1,9}")) {
				throw new McpError(200, JsonRpcCodes.INVALID_PARAMS, "params.cursor is not a cursor this server gave");
			}
			offset = Long.parseLong(cursor.asString());
		}
		TaskStore.Page page = store.list(tenant, sessionId, offset);
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		var tasks = result.putArray("tasks");
		for (Task task : page.tasks()) {
			tracker.current(tenant, task.taskId()).ifPresent(current -> tasks.add(TaskWire.task(current)));
		}
		if (page.next() != null) {
			result.put("nextCursor", Long.toString(page.next()));
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
		String reason = "cancelled by tasks/cancel";
		cancellations.cancel(tenant, task.taskId(), reason);
		ReplyEnvelope cancelled = new ReplyEnvelope(task.taskId(), tenant, null,
				ReplyError.of(ErrorCode.CANCELLED, reason), null, System.currentTimeMillis(), false, null);
		return tracker.finish(task.finished(TaskStatus.CANCELLED, reason, cancelled, System.currentTimeMillis()))
			.orElse(task);
	}

	/**
	 * tasks/result: the task's outcome once terminal. A working task is polled in Redis
	 * (off the servlet thread) until it ends or {@code bridge.tasks.result-wait} passes;
	 * the waiters count against the gateway's stream bound.
	 */
	private void result(Task task, JsonNode id, HttpServletRequest http, Map<String, String> headers) {
		AsyncContext async = http.startAsync();
		if (task.status().terminal()) {
			answerResult(async, id, task, headers);
			return;
		}
		scheduler.acquire();
		long waitMs = properties.resultWait().toMillis();
		async.setTimeout(waitMs + McpCalls.EXCHANGE_MARGIN.toMillis());
		long until = System.currentTimeMillis() + waitMs;
		scheduler.after(Math.min(task.pollIntervalMs(), waitMs), () -> poll(async, id, task, until, headers));
	}

	private void poll(AsyncContext async, JsonNode id, Task task, long until, Map<String, String> headers) {
		Optional<Task> current;
		try {
			current = tracker.current(task.tenant(), task.taskId());
		}
		catch (RuntimeException redisTrouble) {
			current = Optional.of(task);
		}
		long now = System.currentTimeMillis();
		if (current.isPresent() && !current.get().status().terminal() && now < until) {
			scheduler.after(Math.min(task.pollIntervalMs(), until - now), () -> poll(async, id, task, until, headers));
			return;
		}
		scheduler.release();
		if (current.isEmpty()) {
			write(async, JsonRpc.error(id, JsonRpcCodes.INVALID_PARAMS, "the task expired", null), headers);
		}
		else if (!current.get().status().terminal()) {
			write(async, JsonRpc.error(id, JsonRpcCodes.REQUEST_TIMEOUT,
					"the task is still working; ask tasks/result again", null), headers);
		}
		else {
			answerResult(async, id, current.get(), headers);
		}
	}

	private static void answerResult(AsyncContext async, JsonNode id, Task task, Map<String, String> headers) {
		ReplyEnvelope reply = task.reply();
		write(async, reply.isSuccess() ? JsonRpc.result(id, TaskWire.relatedResult(reply.result(), task.taskId()))
				: JsonRpc.error(id, reply.error(), task.taskId()), headers);
	}

	private static void write(AsyncContext async, JsonNode message, Map<String, String> headers) {
		try {
			McpServlet.writeJson((HttpServletResponse) async.getResponse(), 200, message, headers);
		}
		finally {
			async.complete();
		}
	}

}
