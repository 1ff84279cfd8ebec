package io.mcpbridge.gateway.session;

import io.mcpbridge.common.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The cluster-wide index of live sessions ({@link RedisKeys#sessionIndex()}), scored by
 * when each expires unless used again, so that counting active sessions is one ZCOUNT
 * instead of a scan over the keyspace. It trails the session keys by at most
 * {@code bridge.sessions.last-seen-interval} (scores are refreshed when {@code last_seen}
 * is), so a session used a moment ago but indexed earlier may drop out of the count up to
 * that much before its key expires; the key, not the index, decides whether a session
 * works.
 */
@Component
class SessionIndex {

	private final StringRedisTemplate redis;

	SessionIndex(StringRedisTemplate redis) {
		this.redis = redis;
	}

	void put(Session session) {
		redis.opsForZSet()
			.add(RedisKeys.sessionIndex(), RedisKeys.sessionIndexMember(session.tenant(), session.id()),
					session.expiresEpochMs());
	}

	long countActive(long nowEpochMs) {
		Long count = redis.opsForZSet().count(RedisKeys.sessionIndex(), nowEpochMs, Double.POSITIVE_INFINITY);
		return count == null ? 0 : count;
	}

	/** Drops the entries of sessions that expired; returns how many. */
	long removeExpired(long nowEpochMs) {
		Long removed = redis.opsForZSet()
			.removeRangeByScore(RedisKeys.sessionIndex(), Double.NEGATIVE_INFINITY, nowEpochMs - 1);
		return removed == null ? 0 : removed;
	}

}
