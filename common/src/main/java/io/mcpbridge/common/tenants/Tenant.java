package io.mcpbridge.common.tenants;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One tenant of the tenants file.
 *
 * @param id the tenant's name (it goes into every Redis key and Kafka key of its calls)
 * @param apiKeys the SHA-256 hashes of its API keys (32 bytes each)
 * @param upstreams the upstreams it may call; empty: all of them
 * @param maxPending its bound on pending requests across gateways; empty: the configured
 * {@code bridge.queue.max-pending-per-tenant}
 * @param rateLimit its token bucket; empty: no tenant-specific limit
 * @param upstreamEnv per upstream, the environment its processes get (credentials): never
 * logged, never in {@link #toString()}
 * @param operator whether its callers see every tenant in {@code /mcp/status}
 */
public record Tenant(String id, List<byte[]> apiKeys, Optional<Set<String>> upstreams, OptionalInt maxPending,
		Optional<RateLimit> rateLimit, Map<String, Map<String, String>> upstreamEnv, boolean operator) {

	public Tenant {
		apiKeys = List.copyOf(apiKeys);
		upstreams = upstreams.map(Set::copyOf);
		upstreamEnv = Map.copyOf(upstreamEnv);
	}

	/** Whether the tenant may call this upstream. */
	public boolean mayUse(String upstream) {
		return upstreams.map(allowed -> allowed.contains(upstream)).orElse(true);
	}

	/**
	 * The variables this tenant's processes of {@code upstream} get on top of the
	 * upstream's own; empty when it has none (its calls then share the upstream's pool).
	 */
	public Map<String, String> env(String upstream) {
		return upstreamEnv.getOrDefault(upstream, Map.of());
	}

	/** Names what it holds, never a key hash or a credential. */
	@Override
	public String toString() {
		return "Tenant[id=" + id + ", apiKeys=" + apiKeys.size() + ", upstreams="
				+ upstreams.map(Object::toString).orElse("all") + ", maxPending=" + maxPending + ", rateLimit="
				+ rateLimit + ", upstreamEnv=" + upstreamEnv.keySet() + ", operator=" + operator + "]";
	}
}
