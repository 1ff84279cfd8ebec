package io.mcpbridge.gateway.mcp;

import java.util.Map;
import java.util.Set;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Relay;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.protocol.ProtocolVersions;
import io.mcpbridge.gateway.security.CallContexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The 2026-07-28 revision: no session, every request carries its protocol version and
 * client capabilities in {@code _meta}, mirrored in headers a load balancer can route on;
 * the headers must agree with the body. A client that disconnects cancels its request.
 */
@Component
class StatelessEra {

	static final String DISCOVER = "server/discover";

	/**
	 * Methods whose target is mirrored in {@code Mcp-Name}, and the param that holds it.
	 */
	private static final Map<String, String> NAMED = Map.of(Methods.TOOLS_CALL, "name", Methods.PROMPTS_GET, "name",
			Methods.RESOURCES_READ, "uri", McpTasks.GET, "taskId", StatelessTasks.UPDATE, "taskId", McpTasks.CANCEL,
			"taskId");

	/**
	 * Removed in 2026-07-28: ping, logging/setLevel; subscriptions go through
	 * subscriptions/listen.
	 */
	private static final Set<String> NOT_IN_THIS_REVISION = Set.of(Methods.PING, Methods.RESOURCES_SUBSCRIBE,
			Methods.RESOURCES_UNSUBSCRIBE);

	/**
	 * The least severe log message the client wants during this request; without it,
	 * none.
	 */
	static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";

	private final McpCalls calls;

	private final InputRetries retries;

	private final GatewayProperties properties;

	private final CallContexts callers;

	private final StatelessTasks tasks;

	StatelessEra(McpCalls calls, InputRetries retries, GatewayProperties properties, CallContexts callers,
			StatelessTasks tasks) {
		this.tasks = tasks;
		this.callers = callers;
		this.calls = calls;
		this.retries = retries;
		this.properties = properties;
	}

	/** Whether a POSTed message belongs to this era rather than to a session. */
	static boolean claims(HttpServletRequest http, JsonNode message) {
		if (ProtocolVersions.STATELESS.equals(http.getHeader(SessionEra.VERSION_HEADER))) {
			return true;
		}
		JsonNode method = message.get("method");
		if (method != null && DISCOVER.equals(method.asString(null))) {
			return true;
		}
		return message.path("params").path("_meta").has(ProtocolVersions.META_PROTOCOL_VERSION);
	}

	void request(HttpServletRequest http, HttpServletResponse response, JsonNode message, String pathUpstream) {
		String method = message.get("method").asString();
		JsonNode params = message.get("params");
		checkHeaders(http, method, params);
		if (tasks.serves(method)) {
			tasks.serve(callers.of(http).tenant(), method, message.get("id"), params, response);
			return;
		}
		if (!DISCOVER.equals(method)
				&& (!Methods.PASSED_THROUGH.contains(method) || NOT_IN_THIS_REVISION.contains(method))) {
			throw new McpError(404, JsonRpcCodes.METHOD_NOT_FOUND, "Method not found: " + method);
		}
		// The upstream's requests to the client become input-required results
		// (InputRound), for the
		// capabilities the client declared; notifications go on the request's stream.
		JsonNode meta = params.get("_meta");
		JsonNode capabilities = meta.get(ProtocolVersions.META_CLIENT_CAPABILITIES);
		String logLevel = meta.path(META_LOG_LEVEL).asString(null);
		Relay relay = new Relay(true, capabilities.has("sampling"), capabilities.has("elicitation"),
				capabilities.has("roots"), Relay.isLogLevel(logLevel) ? logLevel : null, true);
		String upstream = pathUpstream != null ? pathUpstream : properties.defaultUpstream();
		boolean discover = DISCOVER.equals(method);
		McpCall call = new McpCall(callers.of(http).tenant(), null, upstream, method, message.get("id"),
				discover ? null : params, relay, http.getHeader(McpHeaders.ENTITY_PARAM), Map.of(),
				discover ? this::discoverResult : (result, cache) -> complete(method, result, cache), true);
		if (InputRetries.isRetry(params)) {
			retries.retry(http, call, targetOf(method, params));
		}
		else if (tasks.runsAsTask(method, params)) {
			tasks.create(call, http, response);
		}
		else {
			calls.run(call, http);
		}
	}

	/**
	 * What a request names in {@code Mcp-Name} (a tool, a prompt, a resource), null for
	 * other methods.
	 */
	static String targetOf(String method, JsonNode params) {
		String nameParam = NAMED.get(method);
		return nameParam == null || params == null ? null : params.path(nameParam).asString(null);
	}

	private static void checkHeaders(HttpServletRequest http, String method, JsonNode params) {
		String version = http.getHeader(SessionEra.VERSION_HEADER);
		if (version == null) {
			throw new McpError(400, JsonRpcCodes.HEADER_MISMATCH, "MCP-Protocol-Version header is required");
		}
		if (!ProtocolVersions.STATELESS.equals(version)) {
			ObjectNode data = BridgeJson.mapper().createObjectNode();
			data.putArray("supported").add(ProtocolVersions.STATELESS);
			data.put("requested", version);
			throw new McpError(400, JsonRpcCodes.UNSUPPORTED_VERSION, "unsupported protocol version " + version
					+ " for a request without a session (supported: " + ProtocolVersions.STATELESS + ")", data);
		}
		JsonNode meta = params == null ? null : params.get("_meta");
		if (meta == null || !meta.isObject() || !meta.has(ProtocolVersions.META_PROTOCOL_VERSION)
				|| !meta.path(ProtocolVersions.META_CLIENT_CAPABILITIES).isObject()) {
			throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, "params._meta must carry "
					+ ProtocolVersions.META_PROTOCOL_VERSION + " and " + ProtocolVersions.META_CLIENT_CAPABILITIES);
		}
		if (!version.equals(meta.get(ProtocolVersions.META_PROTOCOL_VERSION).asString(""))) {
			throw new McpError(400, JsonRpcCodes.HEADER_MISMATCH,
					"MCP-Protocol-Version header and _meta protocol version differ");
		}
		if (!method.equals(http.getHeader(McpHeaders.METHOD))) {
			throw new McpError(400, JsonRpcCodes.HEADER_MISMATCH, McpHeaders.METHOD + " header must be " + method);
		}
		String nameParam = NAMED.get(method);
		if (nameParam != null && !params.path(nameParam).asString("").equals(http.getHeader(McpHeaders.NAME))) {
			throw new McpError(400, JsonRpcCodes.HEADER_MISMATCH,
					McpHeaders.NAME + " header must equal params." + nameParam);
		}
	}

	/**
	 * server/discover: the upstream's identity and capabilities, in this revision's
	 * shape.
	 */
	private JsonNode discoverResult(JsonNode upstream, CacheAnswer notCached) {
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		result.put("resultType", "complete");
		CacheHints.add(result, notCached);
		result.putArray("supportedVersions").add(ProtocolVersions.STATELESS);
		ObjectNode capabilities = ServerCapabilities.of(upstream.get("capabilities"));
		capabilities.remove("logging");
		if (tasks.enabled()) {
			// The bridge's own tasks (StatelessTasks), whatever the upstream announced.
			capabilities.putObject("extensions").putObject(TaskExtensionWire.EXTENSION);
		}
		result.set("capabilities", capabilities);
		result.putObject("_meta").set(ProtocolVersions.META_SERVER_INFO, upstream.get("serverInfo"));
		if (upstream.hasNonNull("instructions")) {
			result.set("instructions", upstream.get("instructions"));
		}
		return result;
	}

	/**
	 * Results of this revision say they are complete (not an input-required round trip),
	 * and the cacheable ones carry their caching hints.
	 */
	private static JsonNode complete(String method, JsonNode result, CacheAnswer cache) {
		if (!(result instanceof ObjectNode object)) {
			return result;
		}
		ObjectNode copy = object.deepCopy();
		if (!copy.has("resultType")) {
			copy.put("resultType", "complete");
		}
		if (CacheHints.CACHEABLE_METHODS.contains(method)) {
			CacheHints.add(copy, cache);
		}
		return copy;
	}

}
