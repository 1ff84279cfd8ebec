package io.mcpbridge.gateway.mcp;

import java.util.Map;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Relay;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.security.CallContexts;
import io.mcpbridge.gateway.session.Session;
import io.mcpbridge.gateway.session.SessionStore;
import io.mcpbridge.gateway.protocol.ProtocolVersions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The 2025 revisions of Streamable HTTP: initialize creates a session stored in Redis
 * (any replica serves it), later messages carry {@code Mcp-Session-Id}.
 */
@Component
class SessionEra {

	static final String SESSION_HEADER = "Mcp-Session-Id";

	static final String VERSION_HEADER = "MCP-Protocol-Version";

	/** The code the MCP SDKs use for an unknown session. */
	private static final int SESSION_NOT_FOUND = -32001;

	private final SessionStore sessions;

	private final McpCalls calls;

	private final RequestCancellations cancellations;

	private final InputForwarder inputs;

	private final GatewayProperties properties;

	private final McpTasks tasks;

	private final CallContexts callers;

	SessionEra(SessionStore sessions, McpCalls calls, RequestCancellations cancellations, InputForwarder inputs,
			GatewayProperties properties, McpTasks tasks, CallContexts callers) {
		this.tasks = tasks;
		this.callers = callers;
		this.sessions = sessions;
		this.calls = calls;
		this.cancellations = cancellations;
		this.inputs = inputs;
		this.properties = properties;
	}

	void request(HttpServletRequest http, HttpServletResponse response, JsonNode message, String pathUpstream) {
		String method = message.get("method").asString();
		JsonNode id = message.get("id");
		JsonNode params = message.get("params");
		if (Methods.INITIALIZE.equals(method)) {
			initialize(http, id, params, pathUpstream);
			return;
		}
		Session session = session(http);
		if ("logging/setLevel".equals(method)) {
			setLevel(response, session, id, params);
			return;
		}
		if (tasks.enabled() && McpTasks.isTaskMethod(method)) {
			tasks.serve(session.tenant(), session.id(), method, id, params, http, response,
					Map.of(SESSION_HEADER, session.id()));
			return;
		}
		if (!Methods.PASSED_THROUGH.contains(method)) {
			throw new McpError(200, JsonRpcCodes.METHOD_NOT_FOUND, "Method not found: " + method);
		}
		JsonNode capabilities = session.capabilities() == null ? BridgeJson.mapper().createObjectNode()
				: session.capabilities();
		if (tasks.augmented(method, params)) {
			// Nobody listens while a task runs: no notifications; the upstream's
			// questions
			// wait in the request's event list (the task is input_required) until
			// tasks/result streams them.
			Relay questionsOnly = new Relay(false, capabilities.has("sampling"), capabilities.has("elicitation"),
					capabilities.has("roots"), null);
			tasks.create(
					new McpCall(session.tenant(), session.id(), session.upstream(), method, id, params, questionsOnly,
							http.getHeader(McpHeaders.ENTITY_PARAM), Map.of(SESSION_HEADER, session.id()), null, false),
					http, response);
			return;
		}
		tasks.checkNotRequired(method, params);
		Relay relay = new Relay(true, capabilities.has("sampling"), capabilities.has("elicitation"),
				capabilities.has("roots"), session.logLevel());
		calls.run(
				new McpCall(session.tenant(), session.id(), session.upstream(), method, id, params, relay,
						http.getHeader(McpHeaders.ENTITY_PARAM), Map.of(SESSION_HEADER, session.id()),
						tasks.enabled() && Methods.TOOLS_LIST.equals(method) ? tasks.toolsListShape() : null, false),
				http);
	}

	void notification(HttpServletRequest http, HttpServletResponse response, JsonNode message) {
		Session session = session(http);
		String method = message.get("method").asString();
		if ("notifications/cancelled".equals(method)) {
			JsonNode requestId = message.path("params").get("requestId");
			if (requestId != null) {
				cancellations.cancelByClientId(session.tenant(), session.id(), requestId,
						message.path("params").path("reason").asString("cancelled by the client"));
			}
		}
		response.setStatus(202);
	}

	void response(HttpServletRequest http, HttpServletResponse response, JsonNode message) {
		Session session = session(http);
		inputs.forward(session.tenant(), session.id(), message);
		response.setStatus(202);
	}

	/**
	 * The caller's session a request names; 400 without the header, 404 when unknown,
	 * expired or another caller's (indistinguishable).
	 */
	Session session(HttpServletRequest http) {
		String sessionId = http.getHeader(SESSION_HEADER);
		if (sessionId == null || sessionId.isBlank()) {
			throw new McpError(400, JsonRpcCodes.INVALID_REQUEST,
					"Bad Request: " + SESSION_HEADER + " header is required (initialize first)");
		}
		String version = http.getHeader(VERSION_HEADER);
		if (version != null && !ProtocolVersions.SESSION_ERA.contains(version)) {
			throw new McpError(400, JsonRpcCodes.INVALID_REQUEST,
					"Bad Request: unsupported protocol version " + version + " (supported: "
							+ String.join(", ", ProtocolVersions.SESSION_ERA) + ", " + ProtocolVersions.STATELESS
							+ ")");
		}
		if (!Identifiers.isValidId(sessionId)) {
			throw new McpError(404, SESSION_NOT_FOUND, "Session not found");
		}
		CallContext caller = callers.of(http);
		return sessions.findOwnedAndTouch(caller.tenant(), caller.principal(), sessionId)
			.orElseThrow(() -> new McpError(404, SESSION_NOT_FOUND, "Session not found"));
	}

	private void initialize(HttpServletRequest http, JsonNode id, JsonNode params, String pathUpstream) {
		JsonNode requested = params == null ? null : params.get("protocolVersion");
		if (requested == null || !requested.isString()) {
			throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, "initialize needs params.protocolVersion");
		}
		String version = ProtocolVersions.negotiate(requested.asString());
		CallContext caller = callers.of(http);
		String tenant = caller.tenant();
		String upstream = pathUpstream != null ? pathUpstream : properties.defaultUpstream();
		String sessionId = SessionStore.newSessionId();
		JsonNode declared = params.get("capabilities");
		JsonNode capabilities = declared != null && declared.isObject() ? declared
				: BridgeJson.mapper().createObjectNode();
		JsonNode clientInfo = params.get("clientInfo");
		calls.run(new McpCall(tenant, sessionId, upstream, Methods.INITIALIZE, id, null, Relay.NONE, null,
				Map.of(SESSION_HEADER, sessionId), (upstreamResult, cache) -> {
					sessions.create(sessionId, tenant, caller.principal(), upstream, clientInfo, version, capabilities);
					return initializeResult(upstreamResult, version, tasks.enabled());
				}, false), http);
	}

	private static JsonNode initializeResult(JsonNode upstream, String version, boolean tasks) {
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		result.put("protocolVersion", version);
		ObjectNode capabilities = ServerCapabilities.of(upstream.get("capabilities"));
		if (tasks) {
			// The bridge's own tasks, served from Redis by any replica (McpTasks).
			capabilities.set("tasks", TaskWire.capability());
		}
		result.set("capabilities", capabilities);
		result.set("serverInfo", upstream.get("serverInfo"));
		if (upstream.hasNonNull("instructions")) {
			result.set("instructions", upstream.get("instructions"));
		}
		return result;
	}

	private void setLevel(HttpServletResponse response, Session session, JsonNode id, JsonNode params) {
		String level = params == null ? null : params.path("level").asString(null);
		if (level == null || !Relay.isLogLevel(level)) {
			throw new McpError(200, JsonRpcCodes.INVALID_PARAMS,
					"params.level must be one of debug, info, notice, " + "warning, error, critical, alert, emergency");
		}
		sessions.update(session.withLogLevel(level));
		McpServlet.writeJson(response, 200, JsonRpc.result(id, BridgeJson.mapper().createObjectNode()),
				Map.of(SESSION_HEADER, session.id()));
	}

}
