package io.mcpbridge.gateway.api;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.HttpHeaders;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.session.Session;
import io.mcpbridge.gateway.session.SessionStore;
import io.mcpbridge.gateway.submit.EnvelopeFactory;
import io.mcpbridge.gateway.submit.RequestSubmitter;
import io.mcpbridge.gateway.submit.ToolPolicies;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's REST API. Every call travels through the queue to a worker; responses are completed
 * asynchronously so that a waiting request holds no servlet thread.
 */
@RestController
@RequestMapping("/mcp")
class RestApiController {

	private final JsonBodyReader bodies;

	private final SessionStore sessions;

	private final EnvelopeFactory envelopes;

	private final RequestSubmitter submitter;

	private final ToolPolicies policies;

	private final RequestMetrics metrics;

	private final GatewayProperties properties;

	RestApiController(JsonBodyReader bodies, SessionStore sessions, EnvelopeFactory envelopes,
			RequestSubmitter submitter, ToolPolicies policies, RequestMetrics metrics, GatewayProperties properties) {
		this.bodies = bodies;
		this.sessions = sessions;
		this.envelopes = envelopes;
		this.submitter = submitter;
		this.policies = policies;
		this.metrics = metrics;
		this.properties = properties;
	}

	@PostMapping("/initialize")
	CompletableFuture<ResponseEntity<JsonNode>> initialize(HttpServletRequest http,
			@RequestHeader(name = HttpHeaders.TIMEOUT, required = false) String timeout) {
		ObjectNode body = bodies.read(http);
		String tenant = properties.defaultTenant();
		String sessionId = RequestFields.optionalId(body, "session_id");
		String id = sessionId != null ? sessionId : SessionStore.newSessionId();
		String upstream = RequestFields.optionalName(body, "upstream");
		String chosenUpstream = upstream != null ? upstream : properties.defaultUpstream();
		RequestEnvelope request = envelopes.create(null, tenant, id, chosenUpstream, Methods.INITIALIZE, null, null,
				Priority.HIGH, policies.timeout(null, timeout));
		return metrics.time("initialize", submitter.submit(request).thenApply(reply -> {
			JsonNode result = resultOf(reply);
			sessions.save(new Session(id, tenant, chosenUpstream, body.get("clientInfo"),
					result.path("protocolVersion").asString(null), System.currentTimeMillis()));
			ObjectNode withSession = objectCopy(result);
			withSession.put("session_id", id);
			return ResponseEntity.ok().header(HttpHeaders.SESSION_ID, id).body(jsonRpc(body.get("id"), withSession));
		}));
	}

	@PostMapping("/tools/list")
	CompletableFuture<ResponseEntity<JsonNode>> toolsList(HttpServletRequest http,
			@RequestHeader(name = HttpHeaders.SESSION_ID, required = false) String sessionId,
			@RequestHeader(name = HttpHeaders.TIMEOUT, required = false) String timeout) {
		bodies.read(http);
		Session session = session(sessionId);
		RequestEnvelope request = envelopes.create(null, session.tenant(), session.id(), session.upstream(),
				Methods.TOOLS_LIST, null, null, Priority.HIGH, policies.timeout(null, timeout));
		return metrics.time("tools/list", submitter.submit(request).thenApply(reply -> {
			ObjectNode response = objectCopy(resultOf(reply));
			response.put("cached", reply.cached());
			response.put("cache_expires", reply.cacheExpiresEpochMs() == null ? null
					: Instant.ofEpochMilli(reply.cacheExpiresEpochMs()).toString());
			return ResponseEntity.ok(response);
		}));
	}

	@PostMapping("/tools/call")
	CompletableFuture<ResponseEntity<JsonNode>> toolsCall(HttpServletRequest http,
			@RequestHeader(name = HttpHeaders.SESSION_ID, required = false) String sessionId,
			@RequestHeader(name = HttpHeaders.PRIORITY, required = false) String priority,
			@RequestHeader(name = HttpHeaders.TIMEOUT, required = false) String timeout) {
		ObjectNode body = bodies.read(http);
		String tool = RequestFields.requiredString(body, "name");
		JsonNode arguments = RequestFields.optionalObject(body, "arguments");
		String requestId = RequestFields.optionalId(body, "request_id");
		Session session = session(sessionId);
		RequestEnvelope request = envelopes.create(requestId, session.tenant(), session.id(), session.upstream(),
				Methods.TOOLS_CALL, tool, arguments, policies.priority(tool, priority), policies.timeout(tool, timeout));
		return metrics.time("tools/call", submitter.submit(request)
			.thenApply(reply -> ResponseEntity.ok(jsonRpc(BridgeJson.mapper().getNodeFactory().stringNode(
					request.requestId()), resultOf(reply)))));
	}

	private Session session(String sessionId) {
		if (sessionId == null || sessionId.isBlank()) {
			throw new BridgeException(ErrorCode.SESSION_ID_MISSING,
					"send the " + HttpHeaders.SESSION_ID + " header returned by /mcp/initialize");
		}
		String tenant = properties.defaultTenant();
		if (!Identifiers.isValidId(sessionId)) {
			throw new BridgeException(ErrorCode.SESSION_NOT_FOUND, "unknown or expired session");
		}
		return sessions.findAndTouch(tenant, sessionId)
			.orElseThrow(() -> new BridgeException(ErrorCode.SESSION_NOT_FOUND,
					"unknown or expired session; call /mcp/initialize again"));
	}

	private static JsonNode resultOf(ReplyEnvelope reply) {
		if (!reply.isSuccess()) {
			throw BridgeException.fromReply(reply.error(), reply.requestId());
		}
		return reply.result();
	}

	private static ObjectNode objectCopy(JsonNode result) {
		if (!(result instanceof ObjectNode object)) {
			throw new BridgeException(ErrorCode.UPSTREAM_ERROR, "the upstream's result is not a JSON object");
		}
		return object.deepCopy();
	}

	private static ObjectNode jsonRpc(JsonNode id, JsonNode result) {
		ObjectNode response = BridgeJson.mapper().createObjectNode();
		response.put("jsonrpc", "2.0");
		response.set("id", id == null || id.isNull() ? BridgeJson.mapper().getNodeFactory().numberNode(1) : id);
		response.set("result", result);
		return response;
	}
}
