package io.mcpbridge.gateway.session;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.config.GatewayProperties;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Sessions live in Redis with an idle TTL, so any gateway replica serves any session and
 * no sticky load balancing is needed. A use costs one round trip (GETEX slides the TTL),
 * except that a session read lately is reused from this gateway's memory for
 * {@code bridge.sessions.local-ttl} ({@link LocalSessions}): a busy session costs no
 * round trip, its TTL slides at most that often, and a deletion through another replica
 * shows here at most that late. {@code last_seen} is rewritten only when it is older than
 * {@code bridge.sessions.last-seen-interval}, so a busy session does not cost a write per
 * request.
 */
@Component
public class SessionStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StringRedisTemplate redis;

	private final SessionIndex index;

	private final Duration idleTtl;

	private final long lastSeenIntervalMs;

	private final LocalSessions local;

	SessionStore(StringRedisTemplate redis, SessionIndex index, GatewayProperties properties) {
		this.redis = redis;
		this.index = index;
		this.idleTtl = properties.sessions().idleTtl();
		this.lastSeenIntervalMs = properties.sessions().effectiveLastSeenInterval().toMillis();
		this.local = new LocalSessions(properties.sessions().effectiveLocalTtl().toMillis(),
				properties.sessions().localMaxEntries());
	}

	/** A new unguessable session id (128 random bits). */
	public static String newSessionId() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Stores a new session (or replaces one re-initialized under the same id) with this
	 * replica's idle TTL.
	 */
	public Session create(String id, String tenant, String upstream, JsonNode clientInfo, String protocolVersion) {
		return create(id, tenant, upstream, clientInfo, protocolVersion, null);
	}

	/** A session of the MCP endpoint, which also remembers the client's capabilities. */
	public Session create(String id, String tenant, String upstream, JsonNode clientInfo, String protocolVersion,
			JsonNode capabilities) {
		return create(id, tenant, null, upstream, clientInfo, protocolVersion, capabilities);
	}

	/**
	 * A session that only {@code owner} may use (null: open mode, anyone of the tenant).
	 * What the client declared is stored bounded ({@link ClientDeclarations}).
	 */
	public Session create(String id, String tenant, String owner, String upstream, JsonNode clientInfo,
			String protocolVersion, JsonNode capabilities) {
		Session session = Session
			.start(id, tenant, upstream, ClientDeclarations.clientInfo(clientInfo), protocolVersion,
					System.currentTimeMillis(), idleTtl.toMillis(), ClientDeclarations.capabilities(capabilities))
			.ownedBy(owner);
		redis.opsForValue().set(key(session), json(session), idleTtl);
		index.put(session);
		local.put(session, System.currentTimeMillis());
		return session;
	}

	/**
	 * Stores a changed session (e.g. its log level), only if it has not expired
	 * meanwhile.
	 */
	public void update(Session session) {
		if (Boolean.TRUE.equals(redis.opsForValue()
			.setIfPresent(key(session), json(session), Duration.ofMillis(session.idleTtlMs())))) {
			local.put(session, System.currentTimeMillis());
		}
		else {
			local.remove(session.tenant(), session.id());
		}
	}

	/** Ends a session (the MCP endpoint's DELETE); true when it existed. */
	public boolean delete(String tenant, String sessionId) {
		local.remove(tenant, sessionId);
		return Boolean.TRUE.equals(redis.delete(RedisKeys.session(tenant, sessionId)));
	}

	/**
	 * The session if {@code owner} owns it, with its idle TTL renewed; empty when
	 * unknown, expired or another's: a caller cannot tell another owner's session from a
	 * missing one.
	 */
	public Optional<Session> findOwnedAndTouch(String tenant, String owner, String sessionId) {
		return findAndTouch(tenant, sessionId).filter(session -> session.isOwnedBy(owner));
	}

	/** The session, with its idle TTL renewed; empty when unknown or expired. */
	public Optional<Session> findAndTouch(String tenant, String sessionId) {
		Optional<Session> recent = local.get(tenant, sessionId, System.currentTimeMillis());
		if (recent.isPresent()) {
			return recent;
		}
		Optional<Session> read = readAndTouch(tenant, sessionId);
		read.ifPresent(session -> local.put(session, System.currentTimeMillis()));
		return read;
	}

	private Optional<Session> readAndTouch(String tenant, String sessionId) {
		String key = RedisKeys.session(tenant, sessionId);
		String stored = redis.opsForValue().getAndExpire(key, idleTtl);
		if (stored == null) {
			return Optional.empty();
		}
		Session session = withDefaults(BridgeJson.mapper().readValue(stored, Session.class));
		Duration ownTtl = Duration.ofMillis(session.idleTtlMs());
		if (!ownTtl.equals(idleTtl)) {
			// Created by a replica configured otherwise: the session keeps the TTL it was
			// created with.
			redis.expire(key, ownTtl);
		}
		long now = System.currentTimeMillis();
		if (now - session.lastSeenEpochMs() < lastSeenIntervalMs) {
			return Optional.of(session);
		}
		Session seen = session.seenAt(now);
		// Only if still present: a write must never bring back a session that expired
		// meanwhile.
		if (Boolean.TRUE.equals(redis.opsForValue().setIfPresent(key, json(seen), ownTtl))) {
			index.put(seen);
		}
		return Optional.of(seen);
	}

	/** Sessions that have not expired, across tenants and replicas. */
	public long countActive() {
		return index.countActive(System.currentTimeMillis());
	}

	/**
	 * Sessions stored before last_seen and idle_ttl existed get the values they
	 * implicitly had.
	 */
	private Session withDefaults(Session session) {
		if (session.idleTtlMs() > 0 && session.lastSeenEpochMs() > 0) {
			return session;
		}
		long ttl = session.idleTtlMs() > 0 ? session.idleTtlMs() : idleTtl.toMillis();
		long lastSeen = session.lastSeenEpochMs() > 0 ? session.lastSeenEpochMs() : session.createdEpochMs();
		return new Session(session.id(), session.tenant(), session.upstream(), session.clientInfo(),
				session.protocolVersion(), session.createdEpochMs(), lastSeen, ttl, session.capabilities(),
				session.logLevel(), session.owner());
	}

	private static String key(Session session) {
		return RedisKeys.session(session.tenant(), session.id());
	}

	private static String json(Session session) {
		return BridgeJson.mapper().writeValueAsString(session);
	}

}
