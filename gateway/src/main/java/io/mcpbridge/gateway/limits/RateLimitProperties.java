package io.mcpbridge.gateway.limits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpbridge.common.Identifiers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits, under {@value #PREFIX} (the seed's {@code rate_limiting} section: its
 * {@code burst_capacity} is {@code capacity}, its {@code requests_per_second} is
 * {@code refill-per-second}). Token buckets in Redis, shared by every gateway replica:
 * one per tenant, one per client of a tenant. Kept apart from the gateway's main
 * properties: rate limiting is a feature of its own. Checked at start-up; a wrong value
 * stops it with a message naming the key.
 *
 * @param enabled whether calls are limited at all. Off by default: the seed's budget (10
 * calls/s per tenant) is below what the load gates send from one tenant; the seed's
 * config file turns it on
 * @param capacity the burst of a tenant's bucket, in calls (the seed's 100)
 * @param refillPerSecond calls a tenant's bucket regains per second (the seed's 10)
 * @param perClient the bucket of each client (API key, or else client address) of a
 * tenant, checked before the tenant's
 * @param tenants per-tenant overrides of the tenant bucket ({@code capacity},
 * {@code refill-per-second}), by tenant name; the tenants file supersedes it
 * @param redisTimeout a bucket check slower than this counts as Redis unavailable: the
 * call is limited by this gateway's local bucket instead (fail open)
 * @param localMaxBuckets the most local buckets a gateway keeps while Redis is
 * unavailable (least recently used go first)
 */
@Validated
@ConfigurationProperties(RateLimitProperties.PREFIX)
public record RateLimitProperties(@DefaultValue("false") boolean enabled, @DefaultValue("100") long capacity,
		@DefaultValue("10") double refillPerSecond, @DefaultValue PerClient perClient,
		@DefaultValue Map<String, TenantLimit> tenants, @DefaultValue("250ms") Duration redisTimeout,
		@DefaultValue("10000") int localMaxBuckets) {

	public static final String PREFIX = "bridge.rate-limiting";

	public RateLimitProperties {
		check(PREFIX, capacity, refillPerSecond);
		tenants = tenants == null ? Map.of() : new LinkedHashMap<>(tenants);
		tenants.forEach((tenant, limit) -> {
			if (!Identifiers.isValidName(tenant)) {
				throw new IllegalArgumentException(PREFIX + ".tenants: '" + tenant + "' is not a valid tenant name");
			}
			if (limit == null) {
				throw new IllegalArgumentException(
						PREFIX + ".tenants." + tenant + " needs capacity and refill-per-second");
			}
		});
		tenants = Map.copyOf(tenants);
		if (redisTimeout == null || redisTimeout.isNegative() || redisTimeout.isZero()) {
			throw new IllegalArgumentException(PREFIX + ".redis-timeout must be positive, got " + redisTimeout);
		}
		if (localMaxBuckets < 1) {
			throw new IllegalArgumentException(
					PREFIX + ".local-max-buckets must be at least 1, got " + localMaxBuckets);
		}
	}

	/** The tenant bucket's shape unless a tenant has its own. */
	public Limit tenantDefault() {
		return new Limit(capacity, refillPerSecond);
	}

	/** {@link Limit}'s own checks, with the configuration key in the message. */
	static void check(String key, long capacity, double refillPerSecond) {
		try {
			new Limit(capacity, refillPerSecond);
		}
		catch (IllegalArgumentException invalid) {
			throw new IllegalArgumentException(key + ": " + invalid.getMessage(), invalid);
		}
	}

	/**
	 * @param enabled whether each client also has a bucket of its own
	 * @param capacity the burst of one client, in calls
	 * @param refillPerSecond calls a client's bucket regains per second
	 */
	public record PerClient(@DefaultValue("true") boolean enabled, @DefaultValue("100") long capacity,
			@DefaultValue("10") double refillPerSecond) {

		public PerClient {
			check(PREFIX + ".per-client", capacity, refillPerSecond);
		}

		public Limit limit() {
			return new Limit(capacity, refillPerSecond);
		}
	}

	/**
	 * @param capacity the tenant's burst, in calls
	 * @param refillPerSecond calls the tenant's bucket regains per second
	 */
	public record TenantLimit(long capacity, double refillPerSecond) {

		public TenantLimit {
			check(PREFIX + ".tenants.*", capacity, refillPerSecond);
		}

		public Limit limit() {
			return new Limit(capacity, refillPerSecond);
		}
	}

}
