package io.mcpbridge.gateway.limits;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The per-tenant limits of {@code bridge.rate-limiting.tenants}. */
class ConfiguredTenantLimits implements TenantLimits {

	private final Map<String, Limit> limits;

	ConfiguredTenantLimits(RateLimitProperties properties) {
		this.limits = properties.tenants()
			.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().limit()));
	}

	@Override
	public Optional<Limit> forTenant(String tenant) {
		return Optional.ofNullable(limits.get(tenant));
	}

}
