package io.mcpbridge.gateway.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.error.ErrorMapping;
import io.mcpbridge.gateway.session.Session;
import io.mcpbridge.gateway.session.SessionStore;
import io.mcpbridge.gateway.upstream.KnownUpstreams;
import io.mcpbridge.gateway.protocol.ClientJson;
import io.mcpbridge.gateway.protocol.JsonRpcIds;
import io.mcpbridge.gateway.protocol.ProtocolVersions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The standard MCP endpoint (Streamable HTTP) at {@code /mcp}, and
 * {@code /mcp/u/<upstream>} for a named upstream. One endpoint serves both protocol eras:
 * a request is stateless (2026-07-28) when its version header or {@code _meta} says so or
 * it is {@code server/discover}; otherwise it belongs to a session (2025 revisions). A
 * plain servlet rather than a Spring MVC controller: the response must decide between a
 * JSON body and an SSE stream only when the first message is ready.
 */
class McpServlet extends HttpServlet {

	private static final Logger log = LoggerFactory.getLogger(McpServlet.class);

	/** The servlet path of {@code /mcp/u/<upstream>}. */
	private static final String UPSTREAM_PATH = "/mcp/u";

	private final transient RequestGuard guard;

	private final transient SessionEra sessionEra;

	private final transient StatelessEra statelessEra;

	private final transient StreamResumer resumer;

	private final transient StandaloneStreams standalone;

	private final transient SessionStore sessions;

	private final transient KnownUpstreams upstreams;

	private final int maxBodyBytes;

	private final transient ErrorMapping errors;

	McpServlet(RequestGuard guard, SessionEra sessionEra, StatelessEra statelessEra, StreamResumer resumer,
			StandaloneStreams standalone, SessionStore sessions, KnownUpstreams upstreams, GatewayProperties properties,
			ErrorMapping errors) {
		this.errors = errors;
		this.upstreams = upstreams;
		this.guard = guard;
		this.sessionEra = sessionEra;
		this.statelessEra = statelessEra;
		this.resumer = resumer;
		this.standalone = standalone;
		this.sessions = sessions;
		this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE - 8, properties.http().maxBodySize().toBytes());
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		JsonNode message = null;
		try {
			guard.checkOriginAndHost(request);
			String upstream = upstreamOf(request);
			if (upstream != null) {
				upstreams.requireKnown(upstream);
			}
			switch (request.getMethod()) {
				case "POST" -> {
					RequestGuard.checkPost(request);
					message = readMessage(request);
					post(request, response, message, upstream);
				}
				case "GET" -> get(request, response);
				case "DELETE" -> delete(request, response);
				default -> {
					response.setHeader("Allow", "GET, POST, DELETE");
					throw new McpError(405, JsonRpcCodes.INVALID_REQUEST, "Method not allowed");
				}
			}
		}
		catch (McpError refused) {
			writeJson(response, refused.httpStatus(),
					JsonRpc.error(idOf(message), refused.code(), refused.getMessage(), refused.data()), Map.of());
		}
		catch (BridgeException refused) {
			writeJson(response, refused.code().httpStatus(), JsonRpc.error(idOf(message), refused),
					errors.headers(refused));
		}
		catch (RuntimeException unexpected) {
			Optional<BridgeException> store = ErrorMapping.storeFailure(unexpected);
			if (store.isPresent()) {
				log.warn("MCP endpoint: Redis unavailable: {}", unexpected.toString());
				writeJson(response, store.get().code().httpStatus(), JsonRpc.error(idOf(message), store.get()),
						errors.headers(store.get()));
				return;
			}
			log.error("MCP endpoint failed", unexpected);
			writeJson(response, 500, JsonRpc.error(idOf(message), JsonRpcCodes.INTERNAL_ERROR, "internal error", null),
					Map.of());
		}
	}

	private void post(HttpServletRequest request, HttpServletResponse response, JsonNode message, String upstream) {
		boolean hasMethod = message.hasNonNull("method") && message.get("method").isString();
		boolean hasId = message.has("id") && !message.get("id").isNull();
		boolean stateless = StatelessEra.claims(request, message);
		if (hasMethod && hasId) {
			if (stateless) {
				statelessEra.request(request, response, message, upstream);
			}
			else {
				sessionEra.request(request, response, message, upstream);
			}
		}
		else if (hasMethod) {
			if (stateless) {
				response.setStatus(202);
			}
			else {
				sessionEra.notification(request, response, message);
			}
		}
		else if (hasId && (message.has("result") || message.has("error"))) {
			if (stateless) {
				throw new McpError(400, JsonRpcCodes.INVALID_REQUEST,
						"this revision has no server-to-client requests to answer");
			}
			sessionEra.response(request, response, message);
		}
		else {
			throw new McpError(400, JsonRpcCodes.INVALID_REQUEST, "not a JSON-RPC request, notification or response");
		}
	}

	private void get(HttpServletRequest request, HttpServletResponse response) {
		if (ProtocolVersions.STATELESS.equals(request.getHeader(SessionEra.VERSION_HEADER))) {
			response.setHeader("Allow", "POST");
			throw new McpError(405, JsonRpcCodes.INVALID_REQUEST,
					"Method not allowed in " + ProtocolVersions.STATELESS);
		}
		RequestGuard.checkGet(request);
		Session session = sessionEra.session(request);
		String lastEventId = request.getHeader("Last-Event-ID");
		if (lastEventId != null && !lastEventId.isBlank()) {
			resumer.resume(request, session, lastEventId.trim());
		}
		else {
			standalone.open(request, session);
		}
	}

	private void delete(HttpServletRequest request, HttpServletResponse response) {
		if (ProtocolVersions.STATELESS.equals(request.getHeader(SessionEra.VERSION_HEADER))) {
			response.setHeader("Allow", "POST");
			throw new McpError(405, JsonRpcCodes.INVALID_REQUEST,
					"Method not allowed in " + ProtocolVersions.STATELESS);
		}
		Session session = sessionEra.session(request);
		sessions.delete(session.tenant(), session.id());
		response.setStatus(200);
	}

	/** {@code /mcp/u/<name>}: the upstream; {@code /mcp}: null (the default upstream). */
	private static String upstreamOf(HttpServletRequest request) {
		if (!UPSTREAM_PATH.equals(request.getServletPath())) {
			return null;
		}
		String path = request.getPathInfo();
		String name = path == null || path.length() < 2 ? "" : path.substring(1);
		if (!Identifiers.isValidName(name)) {
			throw new McpError(404, JsonRpcCodes.INVALID_REQUEST, "not an MCP endpoint: " + request.getRequestURI());
		}
		return name;
	}

	private JsonNode readMessage(HttpServletRequest request) {
		if (request.getContentLengthLong() > maxBodyBytes) {
			throw tooLarge();
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(maxBodyBytes + 1);
		}
		catch (IOException unreadable) {
			throw new McpError(400, JsonRpcCodes.PARSE_ERROR, "could not read the request body");
		}
		if (body.length > maxBodyBytes) {
			throw tooLarge();
		}
		JsonNode message;
		try {
			message = ClientJson.read(body);
		}
		catch (ClientJson.Unreadable malformed) {
			throw new McpError(400, JsonRpcCodes.PARSE_ERROR, "Parse error: " + malformed.getMessage());
		}
		if (message == null || message.isArray()) {
			throw new McpError(400, JsonRpcCodes.INVALID_REQUEST, "one JSON-RPC message per POST (no batches)");
		}
		if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asString(""))) {
			throw new McpError(400, JsonRpcCodes.INVALID_REQUEST, "not a JSON-RPC 2.0 message");
		}
		if (!JsonRpcIds.isValid(message.get("id"))) {
			throw new McpError(400, JsonRpcCodes.INVALID_REQUEST, JsonRpcIds.rule());
		}
		return message;
	}

	private McpError tooLarge() {
		return new McpError(413, JsonRpcCodes.INVALID_REQUEST, "the body exceeds " + maxBodyBytes + " bytes");
	}

	private static JsonNode idOf(JsonNode message) {
		return message == null ? null : message.get("id");
	}

	static void writeJson(HttpServletResponse response, int status, JsonNode body, Map<String, String> headers) {
		if (response.isCommitted()) {
			return;
		}
		try {
			response.setStatus(status);
			headers.forEach(response::setHeader);
			response.setContentType("application/json");
			byte[] bytes = BridgeJson.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
		}
		catch (IOException ex) {
			log.debug("could not answer: {}", ex.toString());
		}
	}

}
