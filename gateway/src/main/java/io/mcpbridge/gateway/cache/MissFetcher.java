package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import tools.jackson.databind.JsonNode;

/**
 * The miss path of {@link ReadCache}, for the one request of this gateway that fetches a
 * key under a version snapshot: take the key's Redis lock (or wait, bounded, for the
 * gateway that holds it to store the entry), call the upstream, store the result under
 * the versions read before the call (refused if a write bumped them meanwhile), release
 * the lock. A failed call of a read is answered by an expired, still valid entry within
 * the stale-if-error grace.
 */
class MissFetcher {

	/** Upstream failures after which an expired entry may answer (stale-if-error). */
	private static final Set<ErrorCode> STALE_IF = Set.of(ErrorCode.UPSTREAM_ERROR, ErrorCode.UPSTREAM_CRASHED,
			ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.TIMEOUT, ErrorCode.TIMEOUT_IN_QUEUE, ErrorCode.QUEUE_UNAVAILABLE);

	private final GatewayProperties.Cache config;

	private final L1Cache l1;

	private final RedisCacheStore store;

	private final CacheStats stats;

	private final ScheduledExecutorService executor;

	/**
	 * @param l1 null when L1 is off
	 * @param executor runs the work after an upstream reply (Redis store) and the lock
	 * polls, off the reply listener's thread
	 */
	MissFetcher(GatewayProperties.Cache config, L1Cache l1, RedisCacheStore store, CacheStats stats,
			ScheduledExecutorService executor) {
		this.config = config;
		this.l1 = l1;
		this.store = store;
		this.stats = stats;
		this.executor = executor;
	}

	/** An entry found in L2: copied to L1 and counted. */
	CacheAnswer servedFromL2(CacheRead read, CachedEntry entry, long now) {
		if (l1 != null) {
			l1.put(read.key, entry);
		}
		stats.hit(CacheStats.Level.L2);
		stats.answered(true);
		return CacheAnswer.hit(entry, CacheStats.Level.L2, now);
	}

	/**
	 * The miss path of the one request of this gateway that calls the upstream for this
	 * snapshot.
	 */
	CompletableFuture<CacheAnswer> fetch(CacheRead read) {
		// Without L2 nobody could read what we store; with no-store nothing is stored: no
		// lock then.
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

	/**
	 * Another gateway is fetching this key: wait for its entry, bounded by the lock's
	 * TTL.
	 */
	private CompletableFuture<CacheAnswer> awaitOther(CacheRead read, String lock, long giveUpEpochMs) {
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

	private CompletableFuture<CacheAnswer> call(CacheRead read, Lock lock) {
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
			Lock held = lock;
			try {
				if (failure != null) {
					return staleOrFail(read, failure);
				}
				if (read.request.control().noStore() || !isCacheable(value)) {
					return CacheAnswer.forwarded(value, read.why(), null, false);
				}
				held = null; // the store script releases it
				return stored(read, value, startedEpochMs, lock);
			}
			finally {
				// After the store, so that a gateway waiting on the lock finds the entry
				// when the lock goes.
				unlock(held);
			}
		}, executor);
	}

	private CacheAnswer stored(CacheRead read, JsonNode result, long startedEpochMs, Lock lock) {
		Duration ttl = read.request.policy().ttl();
		CachedEntry entry = new CachedEntry(result, startedEpochMs, startedEpochMs + ttl.toMillis(),
				read.versions.values());
		boolean kept = config.l2().enabled() ? store.store(read.key, entry, ttl.plus(config.staleIfError()),
				lock == null ? null : lock.key(), lock == null ? null : lock.token()) : stillCurrent(read);
		if (kept && l1 != null) {
			l1.put(read.key, entry);
		}
		if (!kept) {
			stats.superseded();
		}
		return CacheAnswer.forwarded(result, read.why(), kept ? entry : null, false);
	}

	/**
	 * With L2 off, the versions are compared after the call instead of inside the store
	 * script.
	 */
	private boolean stillCurrent(CacheKey key, Versions versions) {
		return store.lookup(key, false, null).map(found -> found.versions().equals(versions)).orElse(false);
	}

	private boolean stillCurrent(CacheRead read) {
		return stillCurrent(read.key, read.versions);
	}

	private CacheAnswer staleOrFail(CacheRead read, Throwable failure) {
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

	/**
	 * A tool's error result ({@code isError: true}) may be transient: it is never cached.
	 */
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

}
