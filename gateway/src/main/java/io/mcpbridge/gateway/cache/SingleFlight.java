package io.mcpbridge.gateway.cache;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent misses of one key within this gateway share one upstream call. The key
 * includes the version snapshot the miss was read under: a request that arrives after a
 * write (a newer snapshot) never joins a call that may have started before the write.
 * Bounded by the requests in flight.
 */
class SingleFlight {

	/** A joined call: the leader's future, and whether this caller is the leader. */
	record Flight<T>(CompletableFuture<T> result, boolean leader) {
	}

	private final Map<String, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();

	@SuppressWarnings("unchecked")
	<T> Flight<T> join(String key, Supplier<CompletableFuture<T>> call) {
		CompletableFuture<T> mine = new CompletableFuture<>();
		CompletableFuture<T> existing = (CompletableFuture<T>) inFlight.putIfAbsent(key, mine);
		if (existing != null) {
			return new Flight<>(existing, false);
		}
		try {
			call.get().whenComplete((value, failure) -> {
				inFlight.remove(key, mine);
				if (failure != null) {
					mine.completeExceptionally(failure);
				}
				else {
					mine.complete(value);
				}
			});
		}
		catch (RuntimeException failed) {
			inFlight.remove(key, mine);
			mine.completeExceptionally(failed);
		}
		return new Flight<>(mine, true);
	}

	int size() {
		return inFlight.size();
	}

}
