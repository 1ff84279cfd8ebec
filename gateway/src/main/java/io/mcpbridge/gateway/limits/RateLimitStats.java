package io.mcpbridge.gateway.limits;

import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The limiter's counts: Micrometer counters {@code rate_limit_exceeded_total} (tags
 * {@code scope} tenant|client and {@code tenant}; tenants are bounded by the tenants
 * file, client ids are never a tag) and {@code rate_limit_fail_open_total}, and the same
 * totals for {@code /mcp/status}.
 */
public class RateLimitStats {

	/** The seed's metric name (Prometheus adds {@code _total}). */
	static final String EXCEEDED = "rate_limit_exceeded";

	static final String FAIL_OPEN = "rate_limit_fail_open";

	private final MeterRegistry registry;

	private final Counter failOpen;

	private final LongAdder tenantExceeded = new LongAdder();

	private final LongAdder clientExceeded = new LongAdder();

	private final LongAdder failedOpen = new LongAdder();

	RateLimitStats(MeterRegistry registry) {
		this.registry = registry;
		this.failOpen = Counter.builder(FAIL_OPEN)
			.description("Rate-limit checks decided by a gateway's local bucket because Redis was unavailable")
			.register(registry);
	}

	void exceeded(Scope scope, String tenant) {
		(scope == Scope.TENANT ? tenantExceeded : clientExceeded).increment();
		Counter.builder(EXCEEDED)
			.description("Calls refused with RATE_LIMITED")
			.tag("scope", scope.tag())
			.tag("tenant", tenant)
			.register(registry)
			.increment();
	}

	void failedOpen() {
		failedOpen.increment();
		failOpen.increment();
	}

	/**
	 * Calls refused by a tenant's bucket, by a client's bucket, and checks failed open.
	 */
	public record Counts(long tenantExceeded, long clientExceeded, long failOpen) {
	}

	public Counts counts() {
		return new Counts(tenantExceeded.sum(), clientExceeded.sum(), failedOpen.sum());
	}

	/** Which bucket refused a call. */
	enum Scope {

		TENANT, CLIENT;

		String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
