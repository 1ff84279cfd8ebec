package io.mcpbridge.gateway.cache;

import java.time.Instant;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * A read's answer and how the cache produced it, for the response fields {@code cached},
 * {@code cache_expires}, {@code stale} and the {@code Cache-Status} header (RFC 9211).
 *
 * @param result the MCP result
 * @param cached answered from a cache level (fresh or stale)
 * @param stale an expired entry served because the upstream failed (stale-if-error)
 * @param freshUntilEpochMs when the answering or newly stored entry stops being fresh;
 * null when nothing is cached
 * @param cacheStatus the {@code Cache-Status} header value
 */
public record CacheAnswer(JsonNode result, boolean cached, boolean stale, Long freshUntilEpochMs, String cacheStatus) {

	public static final String CACHE_STATUS_HEADER = "Cache-Status";

	/** The cache's name in {@code Cache-Status}. */
	static final String CACHE_NAME = "mcp-bridge";

	/** {@code cache_expires}: ISO-8601, or null. */
	public String cacheExpires() {
		return freshUntilEpochMs == null ? null : Instant.ofEpochMilli(freshUntilEpochMs).toString();
	}

	/**
	 * A result that did not go through the cache (not cacheable, or a request the cache
	 * must not answer).
	 */
	public static CacheAnswer bypassed(JsonNode result) {
		return forwarded(result, "bypass", null, false);
	}

	static CacheAnswer hit(CachedEntry entry, CacheStats.Level level, long now) {
		return new CacheAnswer(entry.result(), true, false, entry.freshUntilEpochMs(), CACHE_NAME + "; hit; ttl="
				+ ttlSeconds(entry, now) + "; detail=" + level.name().toLowerCase(Locale.ROOT));
	}

	static CacheAnswer stale(CachedEntry entry, int forwardStatus, long now) {
		return new CacheAnswer(entry.result(), true, true, entry.freshUntilEpochMs(),
				CACHE_NAME + "; hit; fwd=miss; fwd-status=" + forwardStatus + "; ttl=" + ttlSeconds(entry, now)
						+ "; detail=stale-if-error");
	}

	/**
	 * @param why the RFC 9211 {@code fwd} reason: {@code miss}, {@code request} (client's
	 * directives), {@code bypass} (not cacheable)
	 * @param stored the entry stored for the next reads, or null
	 * @param collapsed answered by another request's upstream call
	 */
	static CacheAnswer forwarded(JsonNode result, String why, CachedEntry stored, boolean collapsed) {
		String status = CACHE_NAME + "; fwd=" + why + (stored != null ? "; stored" : "")
				+ (collapsed ? "; collapsed" : "");
		return new CacheAnswer(result, false, false, stored == null ? null : stored.freshUntilEpochMs(), status);
	}

	/** This answer as seen by a request that joined another's upstream call. */
	CacheAnswer asCollapsed() {
		return cacheStatus.contains("; collapsed") || cached ? this
				: new CacheAnswer(result, false, false, freshUntilEpochMs, cacheStatus + "; collapsed");
	}

	/** Seconds of freshness left, negative once stale (RFC 9211 {@code ttl}). */
	private static long ttlSeconds(CachedEntry entry, long now) {
		return Math.floorDiv(entry.freshUntilEpochMs() - now, 1000);
	}
}
