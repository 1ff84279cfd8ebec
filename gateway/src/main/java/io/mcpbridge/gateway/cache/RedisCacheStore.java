package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.mcpbridge.common.CacheDependencies;
import io.mcpbridge.common.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's Redis operations: L2 entries, the version hash, the stampede locks. Every
 * operation fails open: a Redis error is counted ({@code mcp.cache.redis.failures}) and
 * answered as "nothing known", so the request goes on uncached. Each read is one script,
 * so entry and versions come from one moment (and one hash slot: the tenant's).
 */
class RedisCacheStore {

	private static final Logger log = LoggerFactory.getLogger(RedisCacheStore.class);

	/**
	 * KEYS: version hash, entry, lock (or ""). ARGV: a fresh epoch, read-entry flag,
	 * fields... Returns: entry or "", lock held 1/0, then the fields' values ("" when
	 * absent). Sets the epoch when the hash has none (first use, or the hash was lost).
	 */
	private static final CacheRedis.Script LOOKUP = CacheRedis.Script.of("""
			redis.call('HSETNX', KEYS[1], '*', ARGV[1])
			local out = {'', 0}
			if ARGV[2] == '1' then out[1] = redis.call('GET', KEYS[2]) or '' end
			if KEYS[3] ~= '' then out[2] = redis.call('EXISTS', KEYS[3]) end
			for i = 3, #ARGV do out[#out + 1] = redis.call('HGET', KEYS[1], ARGV[i]) or '' end
			return out
			""");

	/**
	 * KEYS: version hash, entry, lock (or ""). ARGV: entry JSON, PX, lock token, then
	 * field/value pairs. Stores only while every field still has the value the entry was
	 * read under: 1 stored, 0 superseded by a write. Either way it then deletes the lock
	 * if this gateway still holds it: one round trip for what used to be a store and an
	 * unlock, and the entry is in place before the lock goes, so a gateway waiting on the
	 * lock finds it.
	 */
	private static final CacheRedis.Script STORE = CacheRedis.Script.of("""
			local stored = 1
			for i = 4, #ARGV, 2 do
			  if (redis.call('HGET', KEYS[1], ARGV[i]) or '') ~= ARGV[i + 1] then stored = 0 break end
			end
			if stored == 1 then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end
			if KEYS[3] ~= '' and redis.call('GET', KEYS[3]) == ARGV[3] then redis.call('DEL', KEYS[3]) end
			return stored
			""");

	/** KEYS: lock. ARGV: token. Deletes the lock only if this gateway still holds it. */
	private static final CacheRedis.Script UNLOCK = CacheRedis.Script.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""");

	/**
	 * @param versions the current versions of the key's dependencies
	 * @param entry the L2 entry, when one was read
	 * @param lockHeld whether the asked lock exists
	 */
	record Lookup(Versions versions, CachedEntry entry, boolean lockHeld) {
	}

	enum LockResult {

		ACQUIRED, HELD_BY_OTHER, UNAVAILABLE

	}

	private final CacheRedis redis;

	private final CacheStats stats;

	RedisCacheStore(CacheRedis redis, CacheStats stats) {
		this.redis = redis;
		this.stats = stats;
	}

	/**
	 * The current versions, and the entry when {@code readEntry}; empty when Redis
	 * failed.
	 * @param lockKey also report whether this lock exists; null: do not ask
	 */
	Optional<Lookup> lookup(CacheKey key, boolean readEntry, String lockKey) {
		return failOpen("lookup", () -> {
			List<String> args = new ArrayList<>(List.of(newEpoch(), readEntry ? "1" : "0"));
			args.addAll(key.dependencies());
			List<Object> out = redis.eval(LOOKUP, ScriptOutputType.MULTI,
					new String[] { key.versionsKey(), key.redisKey(), lockKey == null ? "" : lockKey },
					args.toArray(String[]::new));
			String json = (String) out.get(0);
			List<String> values = out.subList(2, out.size()).stream().map(String.class::cast).toList();
			CachedEntry entry = json == null || json.isEmpty() ? null : decode(key, json);
			return new Lookup(Versions.of(key.dependencies(), values), entry, ((Long) out.get(1)) == 1L);
		});
	}

	/**
	 * Stores the entry for {@code keepFor} if its versions are still current; false
	 * otherwise or on failure.
	 */
	boolean store(CacheKey key, CachedEntry entry, Duration keepFor) {
		return store(key, entry, keepFor, null, null);
	}

	/**
	 * Stores the entry like {@link #store(CacheKey, CachedEntry, Duration)}, then
	 * releases the lock in the same script. Should Redis fail, the lock leaves at its TTL
	 * (an unlock would fail as well).
	 * @param lockKey null: no lock to release
	 */
	boolean store(CacheKey key, CachedEntry entry, Duration keepFor, String lockKey, String token) {
		return failOpen("store", () -> {
			List<String> args = new ArrayList<>(List.of(entry.toJson(), Long.toString(Math.max(1, keepFor.toMillis())),
					token == null ? "" : token));
			entry.versions().forEach((field, value) -> {
				args.add(field);
				args.add(value);
			});
			Long stored = redis.eval(STORE, ScriptOutputType.INTEGER,
					new String[] { key.versionsKey(), key.redisKey(), lockKey == null ? "" : lockKey },
					args.toArray(String[]::new));
			return stored == 1L;
		}).orElse(false);
	}

	LockResult tryLock(String lockKey, String token, Duration ttl) {
		return failOpen("lock",
				() -> "OK".equals(redis.commands().set(lockKey, token, SetArgs.Builder.nx().px(ttl.toMillis())))
						? LockResult.ACQUIRED : LockResult.HELD_BY_OTHER)
			.orElse(LockResult.UNAVAILABLE);
	}

	void unlock(String lockKey, String token) {
		failOpen("unlock", () -> redis.eval(UNLOCK, ScriptOutputType.INTEGER, new String[] { lockKey }, token));
	}

	/** Starts a new epoch: every entry of this tenant and upstream stops being valid. */
	void resetEpoch(String tenant, String upstream) {
		failOpen("reset epoch", () -> redis.commands()
			.hset(RedisKeys.cacheVersions(tenant, upstream), CacheDependencies.EPOCH, newEpoch()));
	}

	private static String newEpoch() {
		return UUID.randomUUID().toString();
	}

	private CachedEntry decode(CacheKey key, String json) {
		try {
			return CachedEntry.fromJson(json);
		}
		catch (RuntimeException undecodable) {
			log.warn("ignoring an undecodable cache entry {}: {}", key.redisKey(), undecodable.getMessage());
			return null;
		}
	}

	private <T> Optional<T> failOpen(String operation, Supplier<T> command) {
		try {
			return Optional.ofNullable(command.get());
		}
		catch (RuntimeException failure) {
			// The cache is optional: without Redis the request goes on uncached (DESIGN:
			// fail open).
			stats.redisFailed();
			log.debug("cache {} failed, going on uncached: {}", operation, failure.toString());
			return Optional.empty();
		}
	}

}
