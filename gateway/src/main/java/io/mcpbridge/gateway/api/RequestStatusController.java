package io.mcpbridge.gateway.api;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.idempotency.IdempotencyStore;
import io.mcpbridge.gateway.reply.ResultReader;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskTracker;
import io.mcpbridge.gateway.security.CallContexts;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /mcp/requests/{id}}: the state of an asynchronous (or idempotent) request,
 * for the requesting tenant only. Any gateway replica answers, from Redis. An MCP task is
 * one of these requests (its task id is the request id); its outcome, kept for the task's
 * TTL, answers here too once the workers' result key has expired.
 */
@RestController
@RequestMapping("/mcp/requests")
class RequestStatusController {

	private final IdempotencyStore records;

	private final ResultReader results;

	private final CallContexts callers;

	private final TaskTracker tasks;

	RequestStatusController(IdempotencyStore records, ResultReader results, CallContexts callers, TaskTracker tasks) {
		this.tasks = tasks;
		this.records = records;
		this.results = results;
		this.callers = callers;
	}

	@GetMapping("/{requestId}")
	ResponseEntity<JsonNode> status(@PathVariable String requestId, HttpServletRequest http) {
		if (!Identifiers.isValidId(requestId)) {
			throw unknown();
		}
		String tenant = callers.of(http).tenant();
		RequestStatus status = RequestStatus.of(records.find(tenant, requestId),
				results.find(tenant, requestId).or(() -> tasks.current(tenant, requestId).map(Task::reply)),
				System.currentTimeMillis());
		if (status instanceof RequestStatus.Done done) {
			return ResponseEntity.ok(JsonRpcResponses.toolCall(done.reply()));
		}
		if (status instanceof RequestStatus.Pending) {
			return AsyncResponses.accepted(requestId);
		}
		if (status instanceof RequestStatus.Expired) {
			throw new BridgeException(ErrorCode.TIMEOUT, "the request passed its deadline without a result", requestId);
		}
		throw unknown();
	}

	private static BridgeException unknown() {
		return new BridgeException(ErrorCode.NOT_FOUND, "no such request");
	}

}
