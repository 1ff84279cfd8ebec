package io.mcpbridge.gateway.status;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value computed at most once per {@code ttl}. A failure is remembered for the same
 * time, so that a dependency that is down is asked once per period, not once per caller.
 * Callers that arrive during a refresh wait for it instead of refreshing too.
 */
final class CachedValue<T> {

	private final Supplier<T> source;

	private final long ttlNanos;

	private final LongSupplier nanoClock;

	private T value;

	private RuntimeException failure;

	private long expiresNanos;

	private boolean loaded;

	CachedValue(Supplier<T> source, Duration ttl) {
		this(source, ttl, System::nanoTime);
	}

	CachedValue(Supplier<T> source, Duration ttl, LongSupplier nanoClock) {
		this.source = source;
		this.ttlNanos = ttl.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * The cached value, recomputed when older than the TTL; rethrows a cached failure.
	 */
	synchronized T get() {
		long now = nanoClock.getAsLong();
		if (!loaded || now - expiresNanos >= 0) {
			try {
				value = source.get();
				failure = null;
			}
			catch (RuntimeException ex) {
				value = null;
				failure = ex;
			}
			loaded = true;
			expiresNanos = now + ttlNanos;
		}
		if (failure != null) {
			throw failure;
		}
		return value;
	}

}
