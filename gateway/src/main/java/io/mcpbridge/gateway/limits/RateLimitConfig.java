package io.mcpbridge.gateway.limits;

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

	@Bean
	@ConditionalOnMissingBean(TenantLimits.class)
	TenantLimits configuredTenantLimits(RateLimitProperties properties) {
		return new ConfiguredTenantLimits(properties);
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
