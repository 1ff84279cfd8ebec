package io.mcpbridge.gateway.cache;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.mcpbridge.gateway.config.GatewayProperties;
import tools.jackson.databind.JsonNode;

/**
 * The cache in front of the upstream, for any API: {@link #lookupOrCall} answers a read
 * from L1 (this gateway's memory), else L2 (Redis), else by calling the upstream once
 * (single-flight here, a short Redis lock across gateways) and storing the result. Every
 * entry carries the versions of the entities it depends on, read before its upstream
 * call; it is served only while they are unchanged, so a write (which bumps them before
 * its reply leaves the worker) is never followed by the old value, through any gateway. A
 * failed upstream call may be answered by an expired, still valid entry within the
 * stale-if-error grace. Without Redis the cache is bypassed (fail open).
 */
public class ReadCache {

	private final GatewayProperties.Cache config;

	private final L1Cache l1;

	private final RedisCacheStore store;

	private final CachePolicies policies;

	private final CacheStats stats;

	private final MissFetcher misses;

	private final SingleFlight flights = new SingleFlight();

	/**
	 * @param l1 null when L1 is off
	 * @param executor runs the miss path's work after an upstream reply and its lock
	 * polls
	 */
	ReadCache(GatewayProperties.Cache config, L1Cache l1, RedisCacheStore store, CachePolicies policies,
			CacheStats stats, ScheduledExecutorService executor) {
		this.config = config;
		this.l1 = l1;
		this.store = store;
		this.policies = policies;
		this.stats = stats;
		this.misses = new MissFetcher(config, l1, store, stats, executor);
	}

	/**
	 * The read's answer, from a cache level or from {@code upstream}.
	 * @param upstream performs the read (through the queue); fails with a
	 * {@link BridgeException}
	 */
	public CompletableFuture<CacheAnswer> lookupOrCall(CacheRequest request,
			Supplier<CompletableFuture<JsonNode>> upstream) {
		CompletableFuture<CacheAnswer> answer = answer(request, upstream);
		if (request.isToolsList()) {
			// tools/list passes through here: keep the annotations that decide the tools'
			// policies.
			return answer.thenApply(result -> {
				policies.learn(request.upstream(), result.result());
				return result;
			});
		}
		return answer;
	}

	private CompletableFuture<CacheAnswer> answer(CacheRequest request,
			Supplier<CompletableFuture<JsonNode>> upstream) {
		if (!config.enabled() || !request.policy().cacheable()) {
			return upstream.get().thenApply(result -> CacheAnswer.forwarded(result, "bypass", null, false));
		}
		CacheRead read = new CacheRead(request, CacheKey.of(request), upstream);
		long now = System.currentTimeMillis();
		CacheControl control = request.control();
		if (control.allowsLookup()) {
			Optional<CacheAnswer> local = fromL1(read, now);
			if (local.isPresent()) {
				return CompletableFuture.completedFuture(local.get());
			}
			Optional<CacheAnswer> shared = fromL2(read, now);
			if (shared.isPresent()) {
				return CompletableFuture.completedFuture(shared.get());
			}
		}
		if (!read.versionsRead) {
			read.versions = store.lookup(read.key, false, null).map(RedisCacheStore.Lookup::versions).orElse(null);
		}
		stats.answered(false);
		if (read.versions == null || !read.versions.hasEpoch()) {
			// Redis is unreachable: nothing can be validated or stored. Answer uncached.
			return upstream.get().thenApply(result -> CacheAnswer.forwarded(result, read.why(), null, false));
		}
		if (!control.allowsLookup()) {
			return misses.fetch(read);
		}
		SingleFlight.Flight<CacheAnswer> flight = flights.join(read.key.redisKey() + "|" + read.versions.values(),
				() -> misses.fetch(read));
		if (flight.leader()) {
			return flight.result();
		}
		stats.collapsed();
		return flight.result().thenApply(CacheAnswer::asCollapsed);
	}

	private Optional<CacheAnswer> fromL1(CacheRead read, long now) {
		if (l1 == null) {
			return Optional.empty();
		}
		Optional<CachedEntry> local = l1.get(read.key).filter(entry -> usable(read, entry, now));
		if (local.isPresent() && config.l1().verifyVersions()) {
			read.versions = store.lookup(read.key, false, null).map(RedisCacheStore.Lookup::versions).orElse(null);
			read.versionsRead = true;
			if (read.versions == null) {
				// Unverifiable while Redis is away: give up on the cache for this
				// request.
				stats.miss(CacheStats.Level.L1);
				return Optional.empty();
			}
			if (!local.get().isValidUnder(read.versions)) {
				l1.remove(read.key);
				local = Optional.empty();
			}
		}
		if (local.isEmpty()) {
			stats.miss(CacheStats.Level.L1);
			return Optional.empty();
		}
		stats.hit(CacheStats.Level.L1);
		stats.answered(true);
		return Optional.of(CacheAnswer.hit(local.get(), CacheStats.Level.L1, now));
	}

	private Optional<CacheAnswer> fromL2(CacheRead read, long now) {
		if (read.versionsRead && read.versions == null) {
			return Optional.empty();
		}
		Optional<RedisCacheStore.Lookup> found = store.lookup(read.key, config.l2().enabled(), null);
		read.versions = found.map(RedisCacheStore.Lookup::versions).orElse(null);
		read.versionsRead = true;
		if (!config.l2().enabled()) {
			return Optional.empty();
		}
		CachedEntry entry = found.map(RedisCacheStore.Lookup::entry).orElse(null);
		if (entry != null && entry.isValidUnder(read.versions)) {
			if (usable(read, entry, now)) {
				return Optional.of(misses.servedFromL2(read, entry, now));
			}
			read.staleCandidate = entry;
		}
		else if (entry != null) {
			// Dead since a write bumped its versions; Redis drops it at its TTL, or the
			// next store replaces it.
			stats.evicted(CacheStats.Level.L2, "invalidated");
		}
		stats.miss(CacheStats.Level.L2);
		return Optional.empty();
	}

	private static boolean usable(CacheRead read, CachedEntry entry, long now) {
		return entry.isFresh(now) && read.request.control().accepts(entry.ageMs(now));
	}

}
