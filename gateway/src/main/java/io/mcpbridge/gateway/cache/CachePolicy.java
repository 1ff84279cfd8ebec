package io.mcpbridge.gateway.cache;

import java.time.Duration;

/**
 * How the cache treats one tool.
 *
 * @param ttl how long a result stays fresh; zero: never cached
 * @param write the tool may change the upstream's state: its calls invalidate the cached
 * reads of the entity they touch
 */
public record CachePolicy(Duration ttl, boolean write) {

	/** Neither cached nor invalidating. */
	public static final CachePolicy UNCACHED_READ = new CachePolicy(Duration.ZERO, false);

	/** Never cached; invalidates its entity. */
	public static final CachePolicy WRITE = new CachePolicy(Duration.ZERO, true);

	public boolean cacheable() {
		return CachePolicies.positive(ttl) && !write;
	}
}
