package io.mcpbridge.gateway.session;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.config.GatewayProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Sessions live in Redis with an idle TTL, so any gateway replica serves any session and no sticky
 * load balancing is needed. Each use slides the TTL.
 */
@Component
public class SessionStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StringRedisTemplate redis;

	private final GatewayProperties properties;

	SessionStore(StringRedisTemplate redis, GatewayProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** A new unguessable session id (128 random bits). */
	public static String newSessionId() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	public void save(Session session) {
		redis.opsForValue()
			.set(RedisKeys.session(session.tenant(), session.id()), BridgeJson.mapper().writeValueAsString(session),
					properties.sessions().idleTtl());
	}

	/** Ends a session (the MCP endpoint's DELETE); true when it existed. */
	public boolean delete(String tenant, String sessionId) {
		return Boolean.TRUE.equals(redis.delete(RedisKeys.session(tenant, sessionId)));
	}

	/** The session, with its idle TTL renewed (one round trip); empty when unknown or expired. */
	public Optional<Session> findAndTouch(String tenant, String sessionId) {
		String key = RedisKeys.session(tenant, sessionId);
		String stored = redis.opsForValue().getAndExpire(key, properties.sessions().idleTtl());
		if (stored == null) {
			return Optional.empty();
		}
		return Optional.of(BridgeJson.mapper().readValue(stored, Session.class));
	}
}
