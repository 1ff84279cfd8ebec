package io.mcpbridge.common;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * One client request on its way from a gateway to a worker (the value of a Kafka record).
 *
 * @param requestId unique id; also the idempotency key when the client supplied one
 * @param tenant owner of the request; {@code default} while authentication is off
 * @param sessionId the client's session
 * @param upstream name of the configured MCP server that serves it
 * @param method MCP method, one of {@link Methods}
 * @param tool tool name for {@code tools/call}, else null
 * @param arguments tool arguments or method params, may be null
 * @param priority the topic it was sent on
 * @param deadlineEpochMs absolute deadline; a worker never starts a request past it
 * @param replyTo id of the gateway instance waiting for the reply
 * @param entity the entity part of the routing key (entity id, else the session id)
 * @param trace W3C trace context entries ({@code traceparent}, {@code tracestate}), may
 * be empty
 * @param createdEpochMs when the gateway accepted the request
 * @param write the call may change the upstream's state: after executing it, and before
 * replying, the worker invalidates the cached reads that depend on its entity
 * ({@link CacheDependencies#ofWrite})
 * @param meta the client's {@code _meta} for the upstream (e.g. a progress token), may be
 * null
 * @param relay what the client can receive while the request runs; {@link Relay#NONE}
 * when null
 */
public record RequestEnvelope(@JsonProperty("request_id") String requestId, @JsonProperty("tenant") String tenant,
		@JsonProperty("session_id") String sessionId, @JsonProperty("upstream") String upstream,
		@JsonProperty("method") String method, @JsonProperty("tool") String tool,
		@JsonProperty("arguments") JsonNode arguments, @JsonProperty("priority") Priority priority,
		@JsonProperty("deadline_ms") long deadlineEpochMs, @JsonProperty("reply_to") String replyTo,
		@JsonProperty("entity") String entity, @JsonProperty("trace") Map<String, String> trace,
		@JsonProperty("created_ms") long createdEpochMs, @JsonProperty("write") boolean write,
		@JsonProperty("meta") JsonNode meta, @JsonProperty("relay") Relay relay) {

	public RequestEnvelope {
		Identifiers.requireId("request id", requestId);
		Identifiers.requireName("tenant", tenant);
		Identifiers.requireName("upstream", upstream);
		Identifiers.requireId("reply-to gateway id", replyTo);
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(priority, "priority");
		if (Methods.TOOLS_CALL.equals(method) && (tool == null || tool.isBlank())) {
			throw new IllegalArgumentException("tools/call needs a tool name");
		}
		if (entity == null || entity.isEmpty()) {
			entity = sessionId != null ? sessionId : requestId;
		}
		trace = trace == null ? Map.of() : Map.copyOf(trace);
		relay = relay == null ? Relay.NONE : relay;
	}

	/**
	 * A request of the REST API that is not a cache-invalidating write: no {@code _meta},
	 * nothing relayed.
	 */
	public RequestEnvelope(String requestId, String tenant, String sessionId, String upstream, String method,
			String tool, JsonNode arguments, Priority priority, long deadlineEpochMs, String replyTo, String entity,
			Map<String, String> trace, long createdEpochMs) {
		this(requestId, tenant, sessionId, upstream, method, tool, arguments, priority, deadlineEpochMs, replyTo,
				entity, trace, createdEpochMs, false, null, Relay.NONE);
	}

	/**
	 * This request, marked as a write that invalidates the cached reads of its entity.
	 */
	public RequestEnvelope asWrite() {
		return new RequestEnvelope(requestId, tenant, sessionId, upstream, method, tool, arguments, priority,
				deadlineEpochMs, replyTo, entity, trace, createdEpochMs, true, meta, relay);
	}

	/**
	 * This request, carrying the given W3C trace context (see {@link TraceHeaders}).
	 */
	public RequestEnvelope withTrace(Map<String, String> traceContext) {
		return new RequestEnvelope(requestId, tenant, sessionId, upstream, method, tool, arguments, priority,
				deadlineEpochMs, replyTo, entity, traceContext, createdEpochMs, write, meta, relay);
	}

	/** The Kafka key: one entity of one upstream of one tenant. */
	public String routingKey() {
		return RoutingKey.of(tenant, upstream, entity);
	}

	public boolean isExpired(long nowEpochMs) {
		return nowEpochMs >= deadlineEpochMs;
	}
}
