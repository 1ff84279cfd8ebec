package io.mcpbridge.gateway.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Cancellation;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Cancels requests for clients, wherever they run. A request still queued gets a
 * CANCELLED result ({@code SET NX}: a real result is never overwritten), which a worker
 * finds before executing it; a running one is stopped by the worker that runs it, reached
 * through the broadcast cancellation channel. In the session era the client names the
 * request by its own JSON-RPC id, which any gateway resolves through a short-lived Redis
 * key written when the request was sent.
 */
@Component
class RequestCancellations {

	/**
	 * How long a cancelled marker result lives: longer than any queued request's
	 * deadline.
	 */
	private static final Duration MARKER_TTL = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(RequestCancellations.class);

	private final StringRedisTemplate redis;

	private final String gatewayId;

	RequestCancellations(StringRedisTemplate redis, GatewayProperties properties) {
		this.redis = redis;
		this.gatewayId = properties.gatewayId();
	}

	/**
	 * Remembers which bridge request a client's JSON-RPC id stands for, until the
	 * request's deadline.
	 */
	void remember(String tenant, String sessionId, JsonNode clientId, String requestId, Duration untilDeadline) {
		try {
			redis.opsForValue().set(key(tenant, sessionId, clientId), requestId, untilDeadline);
		}
		catch (RuntimeException ex) {
			// Cancellation is advisory: the request still runs, it just cannot be
			// cancelled by its id.
			log.warn("could not remember request {} for cancellation: {}", requestId, ex.toString());
		}
	}

	/**
	 * notifications/cancelled: true when the client's id named a request of this session.
	 */
	boolean cancelByClientId(String tenant, String sessionId, JsonNode clientId, String reason) {
		String requestId = redis.opsForValue().get(key(tenant, sessionId, clientId));
		if (requestId == null) {
			return false;
		}
		cancel(tenant, requestId, reason);
		return true;
	}

	void cancel(String tenant, String requestId, String reason) {
		try {
			ReplyEnvelope cancelled = new ReplyEnvelope(requestId, tenant, null,
					ReplyError.of(ErrorCode.CANCELLED, "cancelled by the client before it ran"), gatewayId,
					System.currentTimeMillis(), false, null);
			redis.opsForValue()
				.setIfAbsent(RedisKeys.result(tenant, requestId), BridgeJson.mapper().writeValueAsString(cancelled),
						MARKER_TTL);
			redis.convertAndSend(RedisKeys.cancellationChannel(),
					BridgeJson.mapper().writeValueAsString(new Cancellation(tenant, requestId, reason)));
		}
		catch (RuntimeException ex) {
			// Cancellation is advisory: the request then simply runs to its end.
			log.warn("could not cancel request {}: {}", requestId, ex.toString());
		}
	}

	private static String key(String tenant, String sessionId, JsonNode clientId) {
		return RedisKeys.clientRequest(tenant, sessionId, hash(BridgeJson.mapper().writeValueAsString(clientId)));
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JVM", ex);
		}
	}

}
