package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.List;

/**
 * How the cache treats one tool.
 *
 * @param ttl how long a result stays fresh; zero: never cached
 * @param varyBy the arguments that tell results apart; empty: all arguments
 * @param write the tool may change the upstream's state: its calls invalidate the cached
 * reads of the entity they touch
 */
public record CachePolicy(Duration ttl, List<String> varyBy, boolean write) {

	/** Neither cached nor invalidating. */
	public static final CachePolicy UNCACHED_READ = new CachePolicy(Duration.ZERO, List.of(), false);

	/** Never cached; invalidates its entity. */
	public static final CachePolicy WRITE = new CachePolicy(Duration.ZERO, List.of(), true);

	public CachePolicy {
		varyBy = List.copyOf(varyBy);
	}

	public boolean cacheable() {
		return CachePolicies.positive(ttl) && !write;
	}
}
