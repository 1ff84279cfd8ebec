package io.mcpbridge.gateway.api;

import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.HttpHeaders;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.cache.CacheControl;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.call.CallOptions;
import io.mcpbridge.gateway.call.CallPipeline;
import io.mcpbridge.gateway.call.RequestMetrics;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.protocol.JsonRpcIds;
import io.mcpbridge.gateway.protocol.ProtocolVersions;
import io.mcpbridge.gateway.security.CallContexts;
import io.mcpbridge.gateway.session.Session;
import io.mcpbridge.gateway.session.SessionStore;
import io.mcpbridge.gateway.submit.EnvelopeFactory;
import io.mcpbridge.gateway.submit.ToolPolicies;
import io.mcpbridge.gateway.upstream.KnownUpstreams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's REST API: an adapter of its wire format around the {@link CallPipeline},
 * which decides what each call is (cacheable, write, bypass), reads the cache and follows
 * the queued request. Responses are completed asynchronously so that a waiting request
 * holds no servlet thread, written by {@link DirectResponses} in the request's one
 * dispatch, and each waits exactly until its own deadline.
 */
@RestController
@RequestMapping("/mcp")
class RestApiController {

	private final JsonBodyReader bodies;

	private final SessionStore sessions;

	private final EnvelopeFactory envelopes;

	private final CallPipeline pipeline;

	private final ToolPolicies policies;

	private final RequestMetrics metrics;

	private final GatewayProperties properties;

	private final KnownUpstreams upstreams;

	private final CallContexts callers;

	private final DirectResponses responses;

	RestApiController(JsonBodyReader bodies, SessionStore sessions, EnvelopeFactory envelopes, CallPipeline pipeline,
			ToolPolicies policies, RequestMetrics metrics, GatewayProperties properties, KnownUpstreams upstreams,
			CallContexts callers, DirectResponses responses) {
		this.callers = callers;
		this.responses = responses;
		this.bodies = bodies;
		this.sessions = sessions;
		this.envelopes = envelopes;
		this.pipeline = pipeline;
		this.policies = policies;
		this.metrics = metrics;
		this.properties = properties;
		this.upstreams = upstreams;
	}

	/**
	 * A new session (its id generated here, 128 random bits), or, with
	 * {@code session_id}, the caller's own existing session initialized again. A
	 * {@code session_id} that is unknown, expired or another caller's is 404
	 * SESSION_NOT_FOUND alike: it never creates a session under a client-chosen id, and
	 * never reveals that another's exists.
	 */
	@PostMapping("/initialize")
	void initialize(HttpServletRequest http, HttpServletResponse response,
			@RequestHeader(name = HttpHeaders.TIMEOUT, required = false) String timeout) {
		ObjectNode body = bodies.read(http);
		if (!JsonRpcIds.isValid(body.get("id"))) {
			throw new BridgeException(ErrorCode.INVALID_REQUEST, JsonRpcIds.rule());
		}
		CallContext caller = callers.of(http);
		String tenant = caller.tenant();
		String sessionId = RequestFields.optionalId(body, "session_id");
		Session resumed = sessionId == null ? null : session(caller, sessionId);
		String id = resumed != null ? resumed.id() : SessionStore.newSessionId();
		String upstream = RequestFields.optionalName(body, "upstream");
		String chosenUpstream = upstream != null ? upstream
				: resumed != null ? resumed.upstream() : properties.defaultUpstream();
		upstreams.requireKnown(chosenUpstream);
		String version = ProtocolVersions.negotiate(RequestFields.optionalString(body, "protocolVersion"));
		RequestEnvelope request = envelopes.create(null, tenant, id, chosenUpstream, Methods.INITIALIZE, null, null,
				Priority.HIGH, policies.timeout(null, timeout));
		respond(http, response, request, "initialize",
				pipeline.answer(caller, request, CallOptions.of(CacheControl.NONE)).thenApply(answer -> {
					JsonNode result = answer.result();
					sessions.create(id, tenant, caller.principal(), chosenUpstream, body.get("clientInfo"), version,
							null);
					ObjectNode withSession = JsonRpcResponses.objectCopy(result);
					withSession.put("protocolVersion", version);
					withSession.put("session_id", id);
					return ResponseEntity.ok()
						.header(HttpHeaders.SESSION_ID, id)
						.body(JsonRpcResponses.jsonRpc(body.get("id"), withSession));
				}));
	}

	@PostMapping("/tools/list")
	void toolsList(HttpServletRequest http, HttpServletResponse response,
			@RequestHeader(name = HttpHeaders.SESSION_ID, required = false) String sessionId,
			@RequestHeader(name = HttpHeaders.TIMEOUT, required = false) String timeout,
			@RequestHeader(name = CacheControl.HEADER, required = false) String cacheControl) {
		bodies.read(http);
		CacheControl control = CacheControl.parse(cacheControl);
		CallContext caller = callers.of(http);
		Session session = session(caller, sessionId);
		RequestEnvelope request = envelopes.create(null, session.tenant(), session.id(), session.upstream(),
				Methods.TOOLS_LIST, null, null, Priority.HIGH, policies.timeout(null, timeout));
		respond(http, response, request, "tools/list", pipeline.answer(caller, request, CallOptions.of(control))
			.thenApply(
					answer -> JsonRpcResponses.withCacheFields(JsonRpcResponses.objectCopy(answer.result()), answer)));
	}

	/**
	 * A tool call. A cacheable read is answered through the cache; a write is marked so
	 * that the worker invalidates the reads of its entity before replying. With a
	 * {@code request_id} (or {@code Idempotency-Key}) it is idempotent: a repeat executes
	 * nothing and gets the first result (never a cached one). With
	 * {@code Prefer: respond-async} the answer is 202 once the request is queued, with
	 * its result at {@code Location}.
	 */
	@PostMapping("/tools/call")
	void toolsCall(HttpServletRequest http, HttpServletResponse response,
			@RequestHeader(name = HttpHeaders.SESSION_ID, required = false) String sessionId,
			@RequestHeader(name = HttpHeaders.PRIORITY, required = false) String priority,
			@RequestHeader(name = HttpHeaders.TIMEOUT, required = false) String timeout,
			@RequestHeader(name = HttpHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@RequestHeader(name = AsyncResponses.PREFER, required = false) String prefer,
			@RequestHeader(name = CacheControl.HEADER, required = false) String cacheControl) {
		ObjectNode body = bodies.read(http);
		String tool = RequestFields.requiredString(body, "name");
		JsonNode arguments = RequestFields.optionalObject(body, "arguments");
		String requestId = requestId(RequestFields.optionalId(body, "request_id"), idempotencyKey);
		CallOptions options = new CallOptions(requestId != null, AsyncResponses.respondAsync(prefer),
				CacheControl.parse(cacheControl));
		CallContext caller = callers.of(http);
		Session session = session(caller, sessionId);
		RequestEnvelope request = envelopes.create(requestId, session.tenant(), session.id(), session.upstream(),
				Methods.TOOLS_CALL, tool, arguments, policies.priority(tool, priority),
				policies.timeout(tool, timeout));
		if (options.async()) {
			respond(http, response, request, "tools/call", pipeline.accept(caller, request, options)
				.thenApply(queued -> AsyncResponses.acceptedAsPreferred(request.requestId())));
			return;
		}
		respond(http, response, request, "tools/call", pipeline.answer(caller, request, options)
			.thenApply(answer -> JsonRpcResponses.withCacheFields(toolCall(request, answer.result()), answer)));
	}

	private static ObjectNode toolCall(RequestEnvelope request, JsonNode result) {
		return JsonRpcResponses.jsonRpc(BridgeJson.mapper().getNodeFactory().stringNode(request.requestId()), result);
	}

	private void respond(HttpServletRequest http, HttpServletResponse response, RequestEnvelope request,
			String endpoint, CompletableFuture<ResponseEntity<JsonNode>> answer) {
		responses.answer(http, response, request.deadlineEpochMs(), metrics.time(endpoint, answer));
	}

	/**
	 * The body's {@code request_id}, else the {@code Idempotency-Key} header; both must
	 * agree.
	 */
	private static String requestId(String fromBody, String fromHeader) {
		if (fromHeader == null || fromHeader.isBlank()) {
			return fromBody;
		}
		if (!Identifiers.isValidId(fromHeader)) {
			throw new BridgeException(ErrorCode.INVALID_REQUEST,
					HttpHeaders.IDEMPOTENCY_KEY + " must be 1-128 characters of letters, digits and . _ : @ -");
		}
		if (fromBody != null && !fromBody.equals(fromHeader)) {
			throw new BridgeException(ErrorCode.INVALID_REQUEST,
					"'request_id' and " + HttpHeaders.IDEMPOTENCY_KEY + " differ; send one or the same in both");
		}
		return fromHeader;
	}

	/** The caller's own session; 404 when unknown, expired or another caller's. */
	private Session session(CallContext caller, String sessionId) {
		if (sessionId == null || sessionId.isBlank()) {
			throw new BridgeException(ErrorCode.SESSION_ID_MISSING,
					"send the " + HttpHeaders.SESSION_ID + " header returned by /mcp/initialize");
		}
		if (!Identifiers.isValidId(sessionId)) {
			throw new BridgeException(ErrorCode.SESSION_NOT_FOUND, "unknown or expired session");
		}
		return sessions.findOwnedAndTouch(caller.tenant(), caller.principal(), sessionId)
			.orElseThrow(() -> new BridgeException(ErrorCode.SESSION_NOT_FOUND,
					"unknown or expired session; call /mcp/initialize again"));
	}

}
