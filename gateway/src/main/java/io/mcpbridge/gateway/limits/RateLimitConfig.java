package io.mcpbridge.gateway.limits;

import io.mcpbridge.common.tenants.Tenant;
import io.mcpbridge.gateway.security.TenantDirectory;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rate limits: the guard and its Redis buckets only when
 * {@code bridge.rate-limiting.enabled}; the counts (for {@code /mcp/status}) always.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

	@Bean
	RateLimitStats rateLimitStats(MeterRegistry registry) {
		return new RateLimitStats(registry);
	}

	/**
	 * A tenant's {@code rate-limit} in the tenants file (read at each call, so a reload
	 * applies to new buckets), else {@code bridge.rate-limiting.tenants}.
	 */
	@Bean
	@ConditionalOnMissingBean(TenantLimits.class)
	TenantLimits configuredTenantLimits(RateLimitProperties properties, ObjectProvider<TenantDirectory> tenantsFile) {
		ConfiguredTenantLimits configured = new ConfiguredTenantLimits(properties);
		TenantDirectory tenants = tenantsFile.getIfAvailable();
		if (tenants == null) {
			return configured;
		}
		return tenant -> tenants.tenant(tenant)
			.flatMap(Tenant::rateLimit)
			.map(limit -> new Limit(limit.capacity(), limit.refillPerSecond()))
			.or(() -> configured.forTenant(tenant));
	}

	@Bean
	RateLimitStatus rateLimitStatus(RateLimitProperties properties, RateLimitStats stats,
			ObjectProvider<SharedBuckets> buckets) {
		return new RateLimitStatus(properties, stats, buckets);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = RateLimitProperties.PREFIX, name = "enabled", havingValue = "true")
	static class Enabled {

		@Bean(destroyMethod = "close")
		SharedBuckets sharedBuckets(RateLimitProperties properties, RateLimitStats stats,
				@Value("${spring.data.redis.host:localhost}") String redisHost,
				@Value("${spring.data.redis.port:6379}") int redisPort) {
			Duration idle = Duration.ofMinutes(10);
			return new SharedBuckets(redisHost, redisPort, properties.redisTimeout(),
					new LocalBuckets(properties.localMaxBuckets(), idle), stats);
		}

		@Bean
		RateLimitGuard rateLimitGuard(SharedBuckets buckets, TenantLimits tenantLimits, RateLimitProperties properties,
				RateLimitStats stats) {
			return new RateLimitGuard(buckets, tenantLimits, properties, stats);
		}

	}

}
