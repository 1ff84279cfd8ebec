package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import tools.jackson.databind.JsonNode;

/**
 * The cache in front of the upstream, for any API: {@link #lookupOrCall} answers a read from L1 (this
 * gateway's memory), else L2 (Redis), else by calling the upstream once (single-flight here, a short
 * Redis lock across gateways) and storing the result. Every entry carries the versions of the
 * entities it depends on, read before its upstream call; it is served only while they are unchanged,
 * so a write (which bumps them before its reply leaves the worker) is never followed by the old value,
 * through any gateway. A failed upstream call may be answered by an expired, still valid entry
 * within the stale-if-error grace. Without Redis the cache is bypassed (fail open).
 */
public class ReadCache {

	/** Upstream failures after which an expired entry may answer (stale-if-error). */
	private static final Set<ErrorCode> STALE_IF = Set.of(ErrorCode.UPSTREAM_ERROR, ErrorCode.UPSTREAM_CRASHED,
			ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.TIMEOUT, ErrorCode.TIMEOUT_IN_QUEUE, ErrorCode.QUEUE_UNAVAILABLE);

	private final GatewayProperties.Cache config;

	private final L1Cache l1;

	private final RedisCacheStore store;

	private final CachePolicies policies;

	private final CacheStats stats;

	private final ScheduledExecutorService executor;

	private final SingleFlight flights = new SingleFlight();

	/**
	 * @param l1 null when L1 is off
	 * @param executor runs the work after an upstream reply (Redis store) and the lock polls, off the
	 * reply listener's thread
	 */
	ReadCache(GatewayProperties.Cache config, L1Cache l1, RedisCacheStore store, CachePolicies policies,
			CacheStats stats, ScheduledExecutorService executor) {
		this.config = config;
		this.l1 = l1;
		this.store = store;
		this.policies = policies;
		this.stats = stats;
		this.executor = executor;
	}

	/**
	 * The read's answer, from a cache level or from {@code upstream}.
	 *
	 * @param upstream performs the read (through the queue); fails with a {@link BridgeException}
	 */
	public CompletableFuture<CacheAnswer> lookupOrCall(CacheRequest request,
			Supplier<CompletableFuture<JsonNode>> upstream) {
		CompletableFuture<CacheAnswer> answer = answer(request, upstream);
		if (request.isToolsList()) {
			// tools/list passes through here: keep the annotations that decide the tools' policies.
			return answer.thenApply(result -> {
				policies.learn(request.upstream(), result.result());
				return result;
			});
		}
		return answer;
	}

	private CompletableFuture<CacheAnswer> answer(CacheRequest request, Supplier<CompletableFuture<JsonNode>> upstream) {
		if (!config.enabled() || !request.policy().cacheable()) {
			return upstream.get().thenApply(result -> CacheAnswer.forwarded(result, "bypass", null, false));
		}
		Read read = new Read(request, CacheKey.of(request), upstream);
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
			return fetch(read);
		}
		SingleFlight.Flight<CacheAnswer> flight = flights.join(read.key.redisKey() + "|" + read.versions.values(),
				() -> fetch(read));
		if (flight.leader()) {
			return flight.result();
		}
		stats.collapsed();
		return flight.result().thenApply(CacheAnswer::asCollapsed);
	}

	private Optional<CacheAnswer> fromL1(Read read, long now) {
		if (l1 == null) {
			return Optional.empty();
		}
		Optional<CachedEntry> local = l1.get(read.key).filter(entry -> usable(read, entry, now));
		if (local.isPresent() && config.l1().verifyVersions()) {
			read.versions = store.lookup(read.key, false, null).map(RedisCacheStore.Lookup::versions).orElse(null);
			read.versionsRead = true;
			if (read.versions == null) {
				// Unverifiable while Redis is away: give up on the cache for this request.
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

	private Optional<CacheAnswer> fromL2(Read read, long now) {
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
				return Optional.of(servedFromL2(read, entry, now));
			}
			read.staleCandidate = entry;
		}
		else if (entry != null) {
			// Dead since a write bumped its versions; Redis drops it at its TTL, or the next store replaces it.
			stats.evicted(CacheStats.Level.L2, "invalidated");
		}
		stats.miss(CacheStats.Level.L2);
		return Optional.empty();
	}

	private CacheAnswer servedFromL2(Read read, CachedEntry entry, long now) {
		if (l1 != null) {
			l1.put(read.key, entry);
		}
		stats.hit(CacheStats.Level.L2);
		stats.answered(true);
		return CacheAnswer.hit(entry, CacheStats.Level.L2, now);
	}

	private static boolean usable(Read read, CachedEntry entry, long now) {
		return entry.isFresh(now) && read.request.control().accepts(entry.ageMs(now));
	}

	/** The miss path of the one request of this gateway that calls the upstream for this snapshot. */
	private CompletableFuture<CacheAnswer> fetch(Read read) {
		// Without L2 nobody could read what we store; with no-store nothing is stored: no lock then.
		if (!config.l2().enabled() || read.request.control().noStore()) {
			return call(read, null);
		}
		String lock = read.key.lockKey(read.versions);
		String token = UUID.randomUUID().toString();
		return switch (store.tryLock(lock, token, config.lockTtl())) {
			case ACQUIRED -> call(read, new Lock(lock, token));
			case UNAVAILABLE -> call(read, null);
			case HELD_BY_OTHER -> awaitOther(read, lock, System.currentTimeMillis() + config.lockTtl().toMillis());
		};
	}

	/** Another gateway is fetching this key: wait for its entry, bounded by the lock's TTL. */
	private CompletableFuture<CacheAnswer> awaitOther(Read read, String lock, long giveUpEpochMs) {
		CompletableFuture<CacheAnswer> answer = new CompletableFuture<>();
		executor.schedule(() -> {
			try {
				long now = System.currentTimeMillis();
				Optional<RedisCacheStore.Lookup> found = store.lookup(read.key, true, lock);
				CachedEntry entry = found.map(RedisCacheStore.Lookup::entry).orElse(null);
				if (entry != null && entry.isValidUnder(found.get().versions()) && entry.isFresh(now)) {
					stats.collapsed();
					answer.complete(servedFromL2(read, entry, now));
				}
				else if (found.isEmpty() || !found.get().lockHeld() || now >= giveUpEpochMs) {
					relay(call(read, null), answer);
				}
				else {
					relay(awaitOther(read, lock, giveUpEpochMs), answer);
				}
			}
			catch (RuntimeException unexpected) {
				answer.completeExceptionally(unexpected);
			}
		}, config.lockPollInterval().toMillis(), TimeUnit.MILLISECONDS);
		return answer;
	}

	private static <T> void relay(CompletableFuture<T> from, CompletableFuture<T> to) {
		from.whenComplete((value, failure) -> {
			if (failure != null) {
				to.completeExceptionally(failure);
			}
			else {
				to.complete(value);
			}
		});
	}

	private CompletableFuture<CacheAnswer> call(Read read, Lock lock) {
		long startedEpochMs = System.currentTimeMillis();
		CompletableFuture<JsonNode> result;
		try {
			result = read.upstream.get();
		}
		catch (RuntimeException refused) {
			unlock(lock);
			throw refused;
		}
		return result.handleAsync((value, failure) -> {
			try {
				return failure == null ? stored(read, value, startedEpochMs) : staleOrFail(read, failure);
			}
			finally {
				// After the store, so that a gateway waiting on the lock finds the entry when the lock goes.
				unlock(lock);
			}
		}, executor);
	}

	private CacheAnswer stored(Read read, JsonNode result, long startedEpochMs) {
		if (read.request.control().noStore() || !isCacheable(result)) {
			return CacheAnswer.forwarded(result, read.why(), null, false);
		}
		Duration ttl = read.request.policy().ttl();
		CachedEntry entry = new CachedEntry(result, startedEpochMs, startedEpochMs + ttl.toMillis(),
				read.versions.values());
		boolean kept = config.l2().enabled() ? store.store(read.key, entry, ttl.plus(config.staleIfError()))
				: stillCurrent(read);
		if (kept && l1 != null) {
			l1.put(read.key, entry);
		}
		if (!kept) {
			stats.superseded();
		}
		return CacheAnswer.forwarded(result, read.why(), kept ? entry : null, false);
	}

	/** With L2 off, the versions are compared after the call instead of inside the store script. */
	private boolean stillCurrent(CacheKey key, Versions versions) {
		return store.lookup(key, false, null).map(found -> found.versions().equals(versions)).orElse(false);
	}

	private boolean stillCurrent(Read read) {
		return stillCurrent(read.key, read.versions);
	}

	private CacheAnswer staleOrFail(Read read, Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
				: failure;
		CachedEntry candidate = read.staleCandidate;
		long now = System.currentTimeMillis();
		if (candidate != null && cause instanceof BridgeException bridge && STALE_IF.contains(bridge.code())
				&& now < candidate.freshUntilEpochMs() + config.staleIfError().toMillis()
				&& stillCurrent(read.key, new Versions(candidate.versions()))) {
			stats.staleServed();
			return CacheAnswer.stale(candidate, bridge.code().httpStatus(), now);
		}
		throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
	}

	/** A tool's error result ({@code isError: true}) may be transient: it is never cached. */
	private static boolean isCacheable(JsonNode result) {
		return result != null && result.isObject() && !result.path("isError").asBoolean(false);
	}

	private void unlock(Lock lock) {
		if (lock != null) {
			store.unlock(lock.key(), lock.token());
		}
	}

	private record Lock(String key, String token) {
	}

	/** The state of one read on its way through the levels. */
	private static final class Read {

		final CacheRequest request;

		final CacheKey key;

		final Supplier<CompletableFuture<JsonNode>> upstream;

		Versions versions;

		/** Whether Redis was asked for the versions already (null versions then mean: Redis failed). */
		boolean versionsRead;

		CachedEntry staleCandidate;

		Read(CacheRequest request, CacheKey key, Supplier<CompletableFuture<JsonNode>> upstream) {
			this.request = request;
			this.key = key;
			this.upstream = upstream;
		}

		/** RFC 9211 {@code fwd}: the client's directives, or a plain miss. */
		String why() {
			return request.control().allowsLookup() ? "miss" : "request";
		}
	}
}
