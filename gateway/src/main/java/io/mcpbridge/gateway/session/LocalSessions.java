package io.mcpbridge.gateway.session;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions this gateway read from Redis lately, reused for a short TTL so that a busy
 * session costs no Redis round trip per request. Bounded: when full, expired entries are
 * swept, and a session that still finds no room is simply not kept (it is read from Redis
 * each time, as without this map).
 */
final class LocalSessions {

	private final ConcurrentHashMap<String, Kept> kept = new ConcurrentHashMap<>();

	private final long ttlMs;

	private final int maxEntries;

	/**
	 * @param ttlMs 0 turns the map off
	 */
	LocalSessions(long ttlMs, int maxEntries) {
		this.ttlMs = ttlMs;
		this.maxEntries = maxEntries;
	}

	Optional<Session> get(String tenant, String sessionId, long nowMs) {
		if (ttlMs <= 0) {
			return Optional.empty();
		}
		String key = key(tenant, sessionId);
		Kept found = kept.get(key);
		if (found == null) {
			return Optional.empty();
		}
		if (nowMs >= found.untilMs()) {
			kept.remove(key, found);
			return Optional.empty();
		}
		return Optional.of(found.session());
	}

	void put(Session session, long nowMs) {
		if (ttlMs <= 0) {
			return;
		}
		String key = key(session.tenant(), session.id());
		if (kept.size() >= maxEntries && !kept.containsKey(key)) {
			kept.values().removeIf(entry -> nowMs >= entry.untilMs());
			if (kept.size() >= maxEntries) {
				return;
			}
		}
		kept.put(key, new Kept(session, nowMs + ttlMs));
	}

	void remove(String tenant, String sessionId) {
		kept.remove(key(tenant, sessionId));
	}

	int size() {
		return kept.size();
	}

	private static String key(String tenant, String sessionId) {
		// Tenants are identifiers without '/': the pair cannot collide.
		return tenant + "/" + sessionId;
	}

	private record Kept(Session session, long untilMs) {
	}

}
