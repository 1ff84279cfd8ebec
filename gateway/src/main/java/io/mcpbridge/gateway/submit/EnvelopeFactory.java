package io.mcpbridge.gateway.submit;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.mcpbridge.common.Priority;
import io.mcpbridge.common.Relay;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Builds request envelopes: ids, absolute deadline, reply-to and the entity part of the
 * key.
 */
@Component
public class EnvelopeFactory {

	/**
	 * The argument whose value names the entity a call touches (the seed's Home Assistant
	 * tools).
	 */
	static final String ENTITY_ARGUMENT = "entity_id";

	private final String gatewayId;

	EnvelopeFactory(GatewayProperties properties) {
		this.gatewayId = properties.gatewayId();
	}

	public static String newRequestId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * @param requestId the client's id, or null to generate one
	 * @param sessionId the session; also the entity when the arguments name none
	 */
	public RequestEnvelope create(String requestId, String tenant, String sessionId, String upstream, String method,
			String tool, JsonNode arguments, Priority priority, Duration timeout) {
		long now = System.currentTimeMillis();
		String id = requestId != null ? requestId : newRequestId();
		return new RequestEnvelope(id, tenant, sessionId, upstream, method, tool, arguments, priority,
				now + timeout.toMillis(), gatewayId, entityOf(arguments, sessionId), Map.of(), now);
	}

	/**
	 * A request of the MCP endpoint: the client's {@code _meta} goes to the upstream,
	 * what the client can receive while it runs is in {@code relay}, and
	 * {@code entityHint} (an {@code Mcp-Param-Entity-Id} header) names the entity when
	 * the arguments do not.
	 */
	public RequestEnvelope create(String tenant, String sessionId, String upstream, String method, String tool,
			JsonNode arguments, Priority priority, Duration timeout, JsonNode meta, Relay relay, String entityHint) {
		long now = System.currentTimeMillis();
		String id = newRequestId();
		String fallback = entityHint != null && !entityHint.isBlank() ? entityHint : sessionId;
		return new RequestEnvelope(id, tenant, sessionId, upstream, method, tool, arguments, priority,
				now + timeout.toMillis(), gatewayId, entityOf(arguments, fallback), Map.of(), now, false, meta, relay);
	}

	static String entityOf(JsonNode arguments, String fallback) {
		JsonNode entity = arguments == null ? null : arguments.get(ENTITY_ARGUMENT);
		if (entity != null && entity.isString() && !entity.asString().isBlank()) {
			return entity.asString();
		}
		return fallback;
	}

}
