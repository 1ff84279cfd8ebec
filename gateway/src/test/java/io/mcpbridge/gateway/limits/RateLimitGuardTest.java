package io.mcpbridge.gateway.limits;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.error.BridgeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The guard on buckets whose Redis is not there (a closed port): every check falls back
 * to the local buckets, which have the same shapes, so the guard's decisions and headers
 * can be checked without Redis (the shared case is in {@link SharedBucketsRedisIT}).
 */
class RateLimitGuardTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RateLimitStats stats = new RateLimitStats(registry);

	private SharedBuckets buckets;

	@AfterEach
	void close() {
		if (buckets != null) {
			buckets.close();
		}
	}

	private RateLimitGuard guard(long tenantCapacity, long clientCapacity, Map<String, Limit> overrides)
			throws IOException {
		RateLimitProperties properties = new RateLimitProperties(true, tenantCapacity, 0.01,
				new RateLimitProperties.PerClient(true, clientCapacity, 0.01), Map.of(), Duration.ofMillis(200), 100);
		buckets = new SharedBuckets("127.0.0.1", closedPort(), Duration.ofMillis(200),
				new LocalBuckets(100, Duration.ofMinutes(1)), stats);
		TenantLimits tenantLimits = tenant -> Optional.ofNullable(overrides.get(tenant));
		return new RateLimitGuard(buckets, tenantLimits, properties, stats);
	}

	private static RequestEnvelope call(String tenant) {
		long now = System.currentTimeMillis();
		return new RequestEnvelope("r-" + System.nanoTime(), tenant, "s1", "home", "tools/call", "get_entity_state",
				null, Priority.CRITICAL, now + 30_000, "gw-test", null, Map.of(), now);
	}

	@Test
	void aTenantPastItsCapacityIsRefusedWithRetryAfterAndBothRateLimitFields() throws IOException {
		RateLimitGuard guard = guard(3, 100, Map.of());
		CallContext context = CallContext.of("acme", "10.0.0.1");
		for (int i = 0; i < 3; i++) {
			guard.check(context, call("acme"));
		}
		BridgeException refused = catchThrowableOfType(BridgeException.class, () -> guard.check(context, call("acme")));
		assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
		assertThat(Long.parseLong(refused.headers().get("Retry-After"))).isBetween(1L, 100L);
		assertThat(refused.headers().get("RateLimit-Policy")).contains("\"tenant\";q=3;w=300")
			.contains("\"client\";q=100;w=10000");
		assertThat(refused.headers().get("RateLimit")).contains("\"tenant\";r=0;t=");
		assertThat(refused.getMessage()).contains("tenant 'acme'");
		assertThat(registry.get("rate_limit_exceeded").tag("scope", "tenant").tag("tenant", "acme").counter().count())
			.isEqualTo(1);
	}

	@Test
	void oneClientPastItsOwnLimitLeavesAnotherClientOfTheTenantAlone() throws IOException {
		RateLimitGuard guard = guard(100, 2, Map.of());
		CallContext noisy = CallContext.of("acme", "10.0.0.1");
		guard.check(noisy, call("acme"));
		guard.check(noisy, call("acme"));
		assertThatThrownBy(() -> guard.check(noisy, call("acme"))).isInstanceOf(BridgeException.class)
			.hasMessageContaining("client");
		guard.check(CallContext.of("acme", "10.0.0.2"), call("acme"));
		assertThat(stats.counts().clientExceeded()).isEqualTo(1);
		assertThat(stats.counts().tenantExceeded()).isZero();
	}

	@Test
	void aTenantOverrideReplacesTheDefaultAndOtherTenantsKeepTheirOwnBudget() throws IOException {
		RateLimitGuard guard = guard(100, 100, Map.of("small", new Limit(1, 0.01)));
		guard.check(CallContext.of("small", "10.0.0.1"), call("small"));
		assertThatThrownBy(() -> guard.check(CallContext.of("small", "10.0.0.3"), call("small")))
			.isInstanceOf(BridgeException.class);
		guard.check(CallContext.of("big", "10.0.0.1"), call("big"));
	}

	@Test
	void withoutRedisEveryCheckIsCountedAsFailedOpen() throws IOException {
		RateLimitGuard guard = guard(100, 100, Map.of());
		guard.check(CallContext.of("acme", "10.0.0.1"), call("acme"));
		// the client's and the tenant's bucket
		assertThat(stats.counts().failOpen()).isEqualTo(2);
		assertThat(registry.get("rate_limit_fail_open").counter().count()).isEqualTo(2);
		assertThat(buckets.shared()).isFalse();
	}

	@Test
	void aClientIdThatCannotSitInAKeyIsHashedAndAnApiKeyWinsOverTheAddress() {
		assertThat(RateLimitGuard.clientScope(CallContext.of("acme", "10.0.0.1"))).isEqualTo("client:10.0.0.1");
		assertThat(RateLimitGuard.clientScope(CallContext.of("acme", "::1"))).isEqualTo("client:::1");
		assertThat(RateLimitGuard.clientScope(CallContext.of("acme", "fe80::1%eth0"))).matches("client:h-[0-9a-f]{32}");
		assertThat(RateLimitGuard.clientScope(new CallContext("acme", "x".repeat(500), null, null)))
			.matches("client:h-[0-9a-f]{32}");
		assertThat(RateLimitGuard.clientScope(new CallContext("acme", "key-7", "10.0.0.1", null)))
			.isEqualTo("client:key-7");
		assertThat(RateLimitGuard.clientScope(CallContext.of("acme", null))).isEqualTo("client:unknown");
	}

	@Test
	void headersFollowTheDraftSyntax() {
		Limit limit = new Limit(100, 10);
		assertThat(RateLimitHeaders.policy("tenant", limit)).isEqualTo("\"tenant\";q=100;w=10");
		Verdict refused = new Verdict(false, 0, 1_500_000_000L, 10_000_000_000L, false);
		assertThat(RateLimitHeaders.state("tenant", refused)).isEqualTo("\"tenant\";r=0;t=2");
		Verdict allowed = new Verdict(true, 42, 0, 5_800_000_000L, false);
		assertThat(RateLimitHeaders.state("tenant", allowed)).isEqualTo("\"tenant\";r=42;t=6");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
