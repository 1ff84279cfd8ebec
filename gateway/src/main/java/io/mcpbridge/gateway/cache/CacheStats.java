package io.mcpbridge.gateway.cache;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The cache's Micrometer meters ({@code mcp.cache.*}) and the snapshot
 * {@code /mcp/status} shows in its {@code cache} section. Counters only: they are cheap
 * on the hot path and Prometheus derives rates.
 */
@Component
public class CacheStats {

	public enum Level {

		L1, L2

	}

	private final MeterRegistry registry;

	private final Counter l1Hits;

	private final Counter l1Misses;

	private final Counter l2Hits;

	private final Counter l2Misses;

	private final Counter answeredHit;

	private final Counter answeredMiss;

	private final Counter redisFailures;

	private final Counter staleServed;

	private final Counter collapsed;

	private final Counter superseded;

	private volatile LongSupplier l1Size = () -> 0;

	CacheStats(MeterRegistry registry) {
		this.registry = registry;
		this.l1Hits = lookups(Level.L1, "hit");
		this.l1Misses = lookups(Level.L1, "miss");
		this.l2Hits = lookups(Level.L2, "hit");
		this.l2Misses = lookups(Level.L2, "miss");
		this.answeredHit = answers("hit");
		this.answeredMiss = answers("miss");
		this.redisFailures = Counter.builder("mcp.cache.redis.failures")
			.description("Cache operations that failed on Redis and went on uncached (fail open)")
			.register(registry);
		this.staleServed = Counter.builder("mcp.cache.stale.served")
			.description("Expired entries served because the upstream failed (stale-if-error)")
			.register(registry);
		this.collapsed = Counter.builder("mcp.cache.collapsed")
			.description("Misses answered by another request's upstream call (stampede protection)")
			.register(registry);
		this.superseded = Counter.builder("mcp.cache.stores.superseded")
			.description("Results not stored because a write changed their entity while they were fetched")
			.register(registry);
	}

	private Counter lookups(Level level, String result) {
		return Counter.builder("mcp.cache.lookups")
			.description("Cache lookups by level and result")
			.tag("level", level.name().toLowerCase(Locale.ROOT))
			.tag("result", result)
			.register(registry);
	}

	private Counter answers(String result) {
		return Counter.builder("mcp.cache.requests")
			.description("Cacheable reads, by whether a cache level answered them")
			.tag("result", result)
			.register(registry);
	}

	/** A cacheable read was answered from a level (hit) or by the upstream (miss). */
	void answered(boolean fromCache) {
		(fromCache ? answeredHit : answeredMiss).increment();
	}

	void hit(Level level) {
		(level == Level.L1 ? l1Hits : l2Hits).increment();
	}

	void miss(Level level) {
		(level == Level.L1 ? l1Misses : l2Misses).increment();
	}

	/** An entry left a level; reasons: size, expired, invalidated, replaced. */
	void evicted(Level level, String reason) {
		Counter.builder("mcp.cache.evictions")
			.description("Entries removed from a cache level, by reason")
			.tag("level", level.name().toLowerCase(Locale.ROOT))
			.tag("reason", reason)
			.register(registry)
			.increment();
	}

	void redisFailed() {
		redisFailures.increment();
	}

	void staleServed() {
		staleServed.increment();
	}

	void collapsed() {
		collapsed.increment();
	}

	void superseded() {
		superseded.increment();
	}

	void l1Size(LongSupplier size) {
		this.l1Size = size;
	}

	/** The {@code cache} section of {@code /mcp/status}. */
	public Map<String, Object> snapshot() {
		Map<String, Object> snapshot = new LinkedHashMap<>();
		long hits = count(answeredHit);
		long misses = count(answeredMiss);
		snapshot.put("hit_rate", rate(hits, hits + misses));
		snapshot.put("hits", hits);
		snapshot.put("misses", misses);
		snapshot.put("l1", level(l1Hits, l1Misses, Map.of("size", l1Size.getAsLong())));
		snapshot.put("l2", level(l2Hits, l2Misses, Map.of()));
		snapshot.put("evictions", evictions());
		snapshot.put("stale_served", count(staleServed));
		snapshot.put("collapsed", count(collapsed));
		snapshot.put("superseded", count(superseded));
		snapshot.put("redis_failures", count(redisFailures));
		return snapshot;
	}

	private Map<String, Object> level(Counter hits, Counter misses, Map<String, Object> extra) {
		Map<String, Object> level = new LinkedHashMap<>();
		level.put("hits", count(hits));
		level.put("misses", count(misses));
		level.put("hit_rate", rate(count(hits), count(hits) + count(misses)));
		level.putAll(extra);
		return level;
	}

	private Map<String, Long> evictions() {
		Map<String, Long> byReason = new LinkedHashMap<>();
		registry.find("mcp.cache.evictions")
			.counters()
			.forEach(counter -> byReason.merge(counter.getId().getTag("reason"), count(counter), Long::sum));
		return byReason;
	}

	private static long count(Counter counter) {
		return (long) counter.count();
	}

	private static double rate(long part, long whole) {
		return whole == 0 ? 0.0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
	}

}
