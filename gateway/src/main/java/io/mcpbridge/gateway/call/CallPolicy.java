package io.mcpbridge.gateway.call;

import io.mcpbridge.gateway.cache.CachePolicy;

/**
 * What the pipeline does with one call, and why (the reason is for logs and tests, never
 * parsed).
 *
 * @param cache the cache's policy for a {@link Kind#CACHEABLE} call;
 * {@link CachePolicy#UNCACHED_READ} otherwise
 */
public record CallPolicy(Kind kind, String reason, CachePolicy cache) {

	public enum Kind {

		/** A read the cache may answer (L1, then L2, then the upstream once). */
		CACHEABLE,

		/**
		 * May change the upstream's state: never cached, and the worker invalidates its
		 * entity's reads.
		 */
		WRITE,

		/** Straight to the queue, neither cached nor invalidating. */
		BYPASS

	}

	static CallPolicy cacheable(String reason, CachePolicy cache) {
		return new CallPolicy(Kind.CACHEABLE, reason, cache);
	}

	static CallPolicy write(String reason) {
		return new CallPolicy(Kind.WRITE, reason, CachePolicy.WRITE);
	}

	static CallPolicy bypass(String reason) {
		return new CallPolicy(Kind.BYPASS, reason, CachePolicy.UNCACHED_READ);
	}
}
