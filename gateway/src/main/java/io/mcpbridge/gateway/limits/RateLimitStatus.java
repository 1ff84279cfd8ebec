package io.mcpbridge.gateway.limits;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@code rate_limits} section of {@code /mcp/status}: the configured limits, where
 * the buckets live right now, and this gateway's counts since it started.
 */
public class RateLimitStatus {

	private final RateLimitProperties properties;

	private final RateLimitStats stats;

	private final ObjectProvider<SharedBuckets> buckets;

	RateLimitStatus(RateLimitProperties properties, RateLimitStats stats, ObjectProvider<SharedBuckets> buckets) {
		this.properties = properties;
		this.stats = stats;
		this.buckets = buckets;
	}

	public Map<String, Object> snapshot() {
		Map<String, Object> section = new LinkedHashMap<>();
		section.put("enabled", properties.enabled());
		section.put("tenant", limit(properties.tenantDefault()));
		section.put("per_client", properties.perClient().enabled() ? limit(properties.perClient().limit()) : null);
		Map<String, Object> overrides = new LinkedHashMap<>();
		properties.tenants().forEach((tenant, limit) -> overrides.put(tenant, limit(limit.limit())));
		section.put("tenant_overrides", overrides);
		SharedBuckets shared = buckets.getIfAvailable();
		if (shared != null) {
			section.put("buckets", shared.shared() ? "redis" : "local (Redis unavailable)");
		}
		RateLimitStats.Counts counts = stats.counts();
		section.put("exceeded", Map.of("tenant", counts.tenantExceeded(), "client", counts.clientExceeded()));
		section.put("fail_open", counts.failOpen());
		return section;
	}

	private static Map<String, Object> limit(Limit limit) {
		Map<String, Object> shape = new LinkedHashMap<>();
		shape.put("capacity", limit.capacity());
		shape.put("refill_per_second", limit.refillPerSecond());
		return shape;
	}

}
