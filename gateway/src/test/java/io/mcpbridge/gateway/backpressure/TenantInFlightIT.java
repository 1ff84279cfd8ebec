package io.mcpbridge.gateway.backpressure;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.LocalRedis;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-tenant bound on the real Redis at 127.0.0.1:6379, each test with a tenant of
 * its own.
 */
class TenantInFlightIT {

	@RegisterExtension
	static final LocalRedis local = new LocalRedis();

	private static final StringRedisTemplate redis = local.template();

	private final String tenant = "tif-" + UUID.randomUUID().toString().substring(0, 8);

	private TenantInFlight inFlight;

	@AfterEach
	void stop() {
		if (inFlight != null) {
			inFlight.destroy();
		}
		redis.delete(RedisKeys.inflight(tenant));
	}

	@Test
	void aFinishedRequestsPlaceIsFreedByTheTenantsNextAdmission() {
		inFlight = inFlight(1, Duration.ofMinutes(5));
		RequestEnvelope first = request("r-1");
		inFlight.acquire(first);
		assertThatThrownBy(() -> inFlight.acquire(request("r-2"))).isInstanceOf(BridgeException.class)
			.extracting(failure -> ((BridgeException) failure).code())
			.isEqualTo(ErrorCode.OVERLOADED);

		inFlight.release(first);
		assertThat(members()).as("nothing removed yet: no round trip of its own").containsExactly("gw-test/r-1");
		inFlight.acquire(request("r-3"));

		assertThat(members()).containsExactly("gw-test/r-3");
	}

	@Test
	void aQuietTenantsPlacesAreFreedAfterTheReleaseDelay() {
		inFlight = inFlight(5, Duration.ofMillis(50));
		RequestEnvelope only = request("r-1");
		inFlight.acquire(only);

		inFlight.release(only);

		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> members().isEmpty());
	}

	private java.util.Set<String> members() {
		return redis.opsForZSet().range(RedisKeys.inflight(tenant), 0, -1);
	}

	private RequestEnvelope request(String id) {
		long now = System.currentTimeMillis();
		return new RequestEnvelope(id, tenant, "s", "home", "tools/call", "echo", null, Priority.HIGH, now + 60_000,
				"gw-test", "s", Map.of(), now);
	}

	private static TenantInFlight inFlight(int limit, Duration releaseDelay) {
		GatewayProperties defaults = TestProperties.defaults();
		GatewayProperties.Queue queue = defaults.queue();
		GatewayProperties properties = new GatewayProperties(defaults.gatewayId(), defaults.defaultTenant(),
				defaults.defaultUpstream(), defaults.sessions(),
				new GatewayProperties.Queue(queue.defaultTimeout(), queue.maxTimeout(), queue.maxPending(), limit,
						queue.retryAfter(), releaseDelay),
				defaults.kafka(), defaults.http(), defaults.tools(), defaults.idempotency(), defaults.mcp(),
				defaults.cache(), defaults.namespace());
		return new TenantInFlight(redis, properties, new SimpleMeterRegistry());
	}

}
