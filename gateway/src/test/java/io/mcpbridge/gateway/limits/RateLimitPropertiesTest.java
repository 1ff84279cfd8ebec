package io.mcpbridge.gateway.limits;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitPropertiesTest {

	private static RateLimitProperties with(long capacity, double refill,
			Map<String, RateLimitProperties.TenantLimit> tenants) {
		return new RateLimitProperties(true, capacity, refill, new RateLimitProperties.PerClient(true, 100, 10),
				tenants, Duration.ofMillis(250), 10_000);
	}

	@Test
	void theSeedsBucketIsValid() {
		RateLimitProperties properties = with(100, 10, Map.of());
		assertThat(properties.tenantDefault()).isEqualTo(Limit.SEED);
		assertThat(Limit.SEED.timeToFill()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aWrongValueNamesItsKey() {
		assertThatThrownBy(() -> with(0, 10, Map.of())).hasMessageContaining("bridge.rate-limiting")
			.hasMessageContaining("capacity must be at least 1");
		assertThatThrownBy(() -> with(100, 0, Map.of()))
			.hasMessageContaining("refill-per-second must be a number greater than 0");
		assertThatThrownBy(() -> new RateLimitProperties.PerClient(true, 5, -1))
			.hasMessageContaining("bridge.rate-limiting.per-client");
		assertThatThrownBy(() -> with(100, 10, Map.of("bad tenant", new RateLimitProperties.TenantLimit(1, 1))))
			.hasMessageContaining("'bad tenant' is not a valid tenant name");
		assertThatThrownBy(() -> new RateLimitProperties(true, 100, 10, new RateLimitProperties.PerClient(true, 1, 1),
				Map.of(), Duration.ZERO, 1))
			.hasMessageContaining("redis-timeout must be positive");
	}

	@Test
	void configuredOverridesAreTheDefaultTenantLimits() {
		TenantLimits limits = new ConfiguredTenantLimits(
				with(100, 10, Map.of("acme", new RateLimitProperties.TenantLimit(5, 0.5))));
		assertThat(limits.forTenant("acme")).contains(new Limit(5, 0.5));
		assertThat(limits.forTenant("other")).isEmpty();
	}

}
