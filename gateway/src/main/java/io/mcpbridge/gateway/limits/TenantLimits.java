package io.mcpbridge.gateway.limits;

import java.util.Optional;

/**
 * A tenant's own rate limit, when it has one (the tenants file's {@code rate-limit:
 * {capacity, refill-per-second}}); without one, the tenant gets
 * {@code bridge.rate-limiting.capacity} / {@code refill-per-second}. One bean; the
 * default reads {@code bridge.rate-limiting.tenants}, and a bean of the tenants file
 * replaces it.
 */
public interface TenantLimits {

	Optional<Limit> forTenant(String tenant);

}
