package io.mcpbridge.standalone.gateway;

import io.mcpbridge.standalone.RedisResults;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.session.Session;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded pending requests: per tenant across replicas (a RedisResults set) and per
 * gateway. The requests are held pending deterministically by gateways whose Kafka no
 * worker consumes, and sent with {@code Prefer: respond-async} so that the test does not
 * have to hold HTTP connections open.
 */
@ExtendWith(SharedStack.class)
class BackpressureIT {

	private static final String CALL = "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\""
			+ ":\"light.kitchen\"}}";

	private static ParkedKafka parked;

	@BeforeAll
	static void park() {
		parked = new ParkedKafka();
	}

	@AfterAll
	static void unpark() {
		if (parked != null) {
			parked.close();
		}
	}

	/**
	 * A session of a tenant of its own, written straight to Redis (initialize would need
	 * a worker).
	 */
	private static String session(RedisResults redis, String tenant) {
		String id = "bp-session-" + System.nanoTime();
		Session session = Session.start(id, tenant, "home", null, "2025-06-18", System.currentTimeMillis(), 600_000);
		redis.commands().setex(RedisKeys.session(tenant, id), 600, BridgeJson.mapper().writeValueAsString(session));
		return id;
	}

	@Test
	void aTenantPastItsLimitIs503WithRetryAfterOnEveryReplica(StandaloneStack stack) {
		String tenant = "bp-" + System.nanoTime();
		String[] settings = { "bridge.default-tenant=" + tenant, "bridge.queue.max-pending-per-tenant=2",
				"bridge.queue.retry-after=3s" };
		try (ExtraGateway first = ExtraGateway.start(parked.bootstrap(), stack.redisPort(), settings);
				ExtraGateway second = ExtraGateway.start(parked.bootstrap(), stack.redisPort(), settings);
				RedisResults redis = new RedisResults(stack.redisPort())) {
			String session = session(redis, tenant);
			for (int i = 0; i < 2; i++) {
				Response accepted = first.http()
					.post("/mcp/tools/call", CALL, "X-Session-ID", session, "Prefer", "respond-async", "X-Timeout",
							"60");
				assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
			}
			assertThat(redis.commands().zcard(RedisKeys.inflight(tenant))).isEqualTo(2);

			Response refused = second.http().post("/mcp/tools/call", CALL, "X-Session-ID", session, "X-Timeout", "60");

			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.errorCode()).isEqualTo("OVERLOADED");
			assertThat(refused.header("Retry-After")).isEqualTo("3");
		}
	}

	@Test
	void aGatewayPastItsOwnLimitIs503WithRetryAfter(StandaloneStack stack) {
		String tenant = "bp-gw-" + System.nanoTime();
		try (ExtraGateway gateway = ExtraGateway.start(parked.bootstrap(), stack.redisPort(),
				"bridge.default-tenant=" + tenant, "bridge.queue.max-pending=1");
				RedisResults redis = new RedisResults(stack.redisPort())) {
			String session = session(redis, tenant);
			Response accepted = gateway.http()
				.post("/mcp/tools/call", CALL, "X-Session-ID", session, "Prefer", "respond-async", "X-Timeout", "60");
			assertThat(accepted.status()).isEqualTo(202);

			Response refused = gateway.http().post("/mcp/tools/call", CALL, "X-Session-ID", session);

			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.errorCode()).isEqualTo("OVERLOADED");
			assertThat(refused.header("Retry-After")).isEqualTo("1");
		}
	}

	@Test
	void placesOfRequestsPastTheirDeadlineAreReclaimed(StandaloneStack stack) {
		String tenant = "bp-expired-" + System.nanoTime();
		try (ExtraGateway gateway = ExtraGateway.start(parked.bootstrap(), stack.redisPort(),
				"bridge.default-tenant=" + tenant, "bridge.queue.max-pending-per-tenant=1");
				RedisResults redis = new RedisResults(stack.redisPort())) {
			// A replica that died with a request pending left its member behind, with a
			// past deadline.
			redis.commands().zadd(RedisKeys.inflight(tenant), System.currentTimeMillis() - 1, "gw-dead/r-1");
			String session = session(redis, tenant);

			Response accepted = gateway.http()
				.post("/mcp/tools/call", CALL, "X-Session-ID", session, "Prefer", "respond-async", "X-Timeout", "60");

			assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
			assertThat(redis.commands().zrange(RedisKeys.inflight(tenant), 0, -1))
				.noneMatch(m -> m.startsWith("gw-dead"));
		}
	}

}
