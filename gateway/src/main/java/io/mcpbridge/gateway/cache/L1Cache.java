package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

/**
 * The in-process level: bounded (least recently used entries go first), each entry kept
 * for the shorter of the L1 TTL and its own lifetime (fresh time plus the stale-if-error
 * grace). Removals are counted by reason: size, expired, invalidated (a write announced
 * on pub/sub), replaced.
 */
class L1Cache {

	/**
	 * An entry with the key it answers, so that an invalidation can find what depends on
	 * a field.
	 */
	record Slot(CacheKey key, CachedEntry entry) {
	}

	private final Cache<String, Slot> slots;

	L1Cache(int maxEntries, Duration ttl, Duration staleGrace, CacheStats stats) {
		long ttlMs = ttl.toMillis();
		long graceMs = staleGrace.toMillis();
		this.slots = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.expireAfter(Expiry.<String, Slot>creating((key, slot) -> {
				long lifetimeMs = slot.entry().freshUntilEpochMs() + graceMs - System.currentTimeMillis();
				return Duration.ofMillis(Math.max(0, Math.min(ttlMs, lifetimeMs)));
			}))
			.removalListener(
					(String key, Slot slot, RemovalCause cause) -> stats.evicted(CacheStats.Level.L1, reason(cause)))
			.executor(Runnable::run)
			.build();
		stats.l1Size(slots::estimatedSize);
	}

	private static String reason(RemovalCause cause) {
		return switch (cause) {
			case EXPLICIT -> "invalidated";
			case SIZE -> "size";
			case EXPIRED -> "expired";
			default -> cause.name().toLowerCase(Locale.ROOT);
		};
	}

	Optional<CachedEntry> get(CacheKey key) {
		Slot slot = slots.getIfPresent(key.redisKey());
		return slot == null ? Optional.empty() : Optional.of(slot.entry());
	}

	void put(CacheKey key, CachedEntry entry) {
		slots.put(key.redisKey(), new Slot(key, entry));
	}

	void remove(CacheKey key) {
		slots.invalidate(key.redisKey());
	}

	/**
	 * Drops every entry of this tenant and upstream that depends on one of the fields.
	 */
	void invalidate(String tenant, String upstream, Collection<String> fields) {
		slots.asMap()
			.values()
			.removeIf(slot -> slot.key().tenant().equals(tenant) && slot.key().upstream().equals(upstream)
					&& slot.key().dependencies().stream().anyMatch(fields::contains));
	}

	/**
	 * Drops everything: after a gap in the invalidation subscription, any entry may be
	 * stale.
	 */
	void clear() {
		slots.invalidateAll();
	}

	long size() {
		slots.cleanUp();
		return slots.estimatedSize();
	}

}
