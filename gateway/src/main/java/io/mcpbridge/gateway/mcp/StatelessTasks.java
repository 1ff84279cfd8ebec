package io.mcpbridge.gateway.mcp;

import java.util.Map;
import java.util.Set;

import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Relay;
import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskProperties;
import io.mcpbridge.gateway.task.TaskSupport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Tasks in the 2026-07-28 era: the {@code io.modelcontextprotocol/tasks} extension
 * (SEP-2663). The server decides which calls become tasks: the bridge runs a call of a
 * tool its policy names ({@link TaskProperties#directs}) as a task when the request's
 * capabilities accept the extension, and answers a {@code CreateTaskResult} at once.
 * tasks/get, tasks/update and tasks/cancel are served from Redis by any replica, for
 * requests that accept the extension (others get -32021); tasks/result and tasks/list do
 * not exist in this era (-32601, as for any unknown method). The upstream's questions
 * during a task make it {@code input_required} until tasks/update answers them. A task of
 * this era has no session: any request of its tenant that names its unguessable id may
 * read, answer or cancel it.
 */
@Component
class StatelessTasks {

	static final String UPDATE = "tasks/update";

	private static final Set<String> METHODS = Set.of(McpTasks.GET, UPDATE, McpTasks.CANCEL);

	private final TaskProperties properties;

	private final McpTasks tasks;

	private final TaskInputs inputs;

	StatelessTasks(TaskProperties properties, McpTasks tasks, TaskInputs inputs) {
		this.properties = properties;
		this.tasks = tasks;
		this.inputs = inputs;
	}

	boolean enabled() {
		return properties.enabled();
	}

	/** The methods of the extension this class serves (when tasks are enabled). */
	boolean serves(String method) {
		return properties.enabled() && METHODS.contains(method);
	}

	/**
	 * Whether this tools/call runs as a task. A tool the policy requires to run as one,
	 * called by a request that does not accept the extension, gets -32021 naming it.
	 */
	boolean runsAsTask(String method, JsonNode params) {
		if (!properties.enabled() || !Methods.TOOLS_CALL.equals(method) || params == null) {
			return false;
		}
		String tool = params.path("name").asString("");
		if (!properties.directs(tool)) {
			return false;
		}
		if (TaskExtensionWire.accepted(params)) {
			return true;
		}
		if (properties.support(tool) == TaskSupport.REQUIRED) {
			throw missingExtension("tool " + tool + " runs only as a task");
		}
		return false;
	}

	/**
	 * Queues the call as a task and answers its {@code CreateTaskResult}. The task's
	 * request may ask the client what its capabilities allow (no notifications: nobody
	 * listens); the questions wait in the request's event list.
	 */
	void create(McpCall call, HttpServletRequest http, HttpServletResponse response) {
		Relay asked = call.relay();
		Relay questionsOnly = new Relay(false, asked.sampling(), asked.elicitation(), asked.roots(), null, true);
		McpCall taskCall = new McpCall(call.tenant(), null, call.upstream(), call.method(), call.clientId(),
				call.params(), questionsOnly, call.entityHint(), Map.of(), null, false);
		Task task = tasks.submit(taskCall, http, null);
		McpServlet.writeJson(response, 200, JsonRpc.result(call.clientId(), TaskExtensionWire.created(task)), Map.of());
	}

	/** tasks/get, tasks/update or tasks/cancel. */
	void serve(String tenant, String method, JsonNode id, JsonNode params, HttpServletResponse response) {
		if (!TaskExtensionWire.accepted(params)) {
			throw missingExtension(method + " needs the tasks extension");
		}
		Task task = tasks.owned(tenant, null, params);
		JsonNode result = switch (method) {
			case McpTasks.GET -> TaskExtensionWire.detailed(task, inputs.pending(task));
			case UPDATE -> {
				inputs.answer(task, params.get("inputResponses"));
				yield TaskExtensionWire.ack();
			}
			case McpTasks.CANCEL -> {
				// Cancelling a task that ended already changes nothing, and is not an
				// error.
				if (!task.status().terminal()) {
					tasks.cancel(task);
				}
				yield TaskExtensionWire.ack();
			}
			default -> throw new McpError(404, JsonRpcCodes.METHOD_NOT_FOUND, "Method not found: " + method);
		};
		McpServlet.writeJson(response, 200, JsonRpc.result(id, result), Map.of());
	}

	private static McpError missingExtension(String why) {
		return new McpError(400, JsonRpcCodes.MISSING_CAPABILITY,
				why + ": declare the " + TaskExtensionWire.EXTENSION + " extension in the request's capabilities",
				TaskExtensionWire.requiredCapabilities());
	}

}
