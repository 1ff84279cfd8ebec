package io.mcpbridge.gateway.session;

import java.time.Duration;
import java.util.UUID;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.LocalRedis;
import io.mcpbridge.gateway.TestProperties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session store on the real Redis at 127.0.0.1:6379, each test with a tenant of its
 * own.
 */
class SessionStoreIT {

	@RegisterExtension
	static final LocalRedis local = new LocalRedis();

	private static final StringRedisTemplate redis = local.template();

	private final String tenant = "st-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void aNewSessionIsStoredWithItsIdleTtlAndIndexedUntilItExpires() {
		SessionStore store = store(Duration.ofMinutes(30), Duration.ofSeconds(60));
		long before = System.currentTimeMillis();

		Session session = store.create("s1", tenant, "home", null, "2025-06-18");

		assertThat(session.idleTtlMs()).isEqualTo(Duration.ofMinutes(30).toMillis());
		assertThat(redis.getExpire(RedisKeys.session(tenant, "s1"))).isBetween(1790L, 1800L);
		assertThat(redis.opsForZSet().score(RedisKeys.sessionIndex(), RedisKeys.sessionIndexMember(tenant, "s1")))
			.isGreaterThanOrEqualTo((double) before + Duration.ofMinutes(30).toMillis());
	}

	@Test
	void aUseWithinTheLastSeenIntervalWritesNothing() {
		SessionStore store = store(Duration.ofMinutes(30), Duration.ofSeconds(60));
		store.create("s2", tenant, "home", null, "2025-06-18");
		String stored = redis.opsForValue().get(RedisKeys.session(tenant, "s2"));

		Session found = store.findAndTouch(tenant, "s2").orElseThrow();

		assertThat(found.lastSeenEpochMs()).isEqualTo(found.createdEpochMs());
		assertThat(redis.opsForValue().get(RedisKeys.session(tenant, "s2"))).isEqualTo(stored);
	}

	@Test
	void aUseAfterTheLastSeenIntervalRecordsItAndMovesTheIndexEntry() {
		SessionStore store = store(Duration.ofMinutes(30), Duration.ZERO);
		Session created = store.create("s3", tenant, "home", null, "2025-06-18");
		double indexedBefore = score("s3");

		Session found = store.findAndTouch(tenant, "s3").orElseThrow();

		Session stored = BridgeJson.mapper()
			.readValue(redis.opsForValue().get(RedisKeys.session(tenant, "s3")), Session.class);
		assertThat(found.lastSeenEpochMs()).isGreaterThanOrEqualTo(created.createdEpochMs());
		assertThat(stored).isEqualTo(found);
		assertThat(score("s3")).isGreaterThanOrEqualTo(indexedBefore)
			.isEqualTo((double) found.lastSeenEpochMs() + found.idleTtlMs());
	}

	@Test
	void aSessionKeepsTheIdleTtlItWasCreatedWithOnAReplicaConfiguredOtherwise() {
		store(Duration.ofSeconds(90), Duration.ofSeconds(60)).create("s4", tenant, "home", null, "2025-06-18");

		store(Duration.ofMinutes(30), Duration.ofSeconds(60)).findAndTouch(tenant, "s4").orElseThrow();

		assertThat(redis.getExpire(RedisKeys.session(tenant, "s4"))).isBetween(80L, 90L);
	}

	@Test
	void anUnknownSessionIsEmpty() {
		assertThat(store(Duration.ofMinutes(30), Duration.ofSeconds(60)).findAndTouch(tenant, "nope")).isEmpty();
	}

	@Test
	void aSessionReadLatelyIsReusedWithoutAskingRedis() {
		SessionStore store = localStore(Duration.ofMinutes(1));
		store.create("s5", tenant, "home", null, "2025-06-18");
		redis.delete(RedisKeys.session(tenant, "s5")); // as if another replica had
														// deleted it

		assertThat(store.findAndTouch(tenant, "s5")).as("reused from memory").isPresent();
	}

	@Test
	void aSessionDeletedElsewhereIsGoneHereAfterTheLocalTtl() {
		SessionStore store = localStore(Duration.ofMillis(200));
		store.create("s6", tenant, "home", null, "2025-06-18");
		redis.delete(RedisKeys.session(tenant, "s6"));

		Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> store.findAndTouch(tenant, "s6").isEmpty());
	}

	@Test
	void aSessionDeletedThroughThisGatewayIsGoneAtOnce() {
		SessionStore store = localStore(Duration.ofMinutes(1));
		store.create("s7", tenant, "home", null, "2025-06-18");
		assertThat(store.findAndTouch(tenant, "s7")).isPresent();

		assertThat(store.delete(tenant, "s7")).isTrue();

		assertThat(store.findAndTouch(tenant, "s7")).isEmpty();
	}

	@Test
	void theLocalTtlNeverExceedsATenthOfTheIdleTtl() {
		assertThat(TestProperties.withSessions(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5))
			.sessions()
			.effectiveLocalTtl()).isEqualTo(Duration.ofSeconds(1));
	}

	private SessionStore localStore(Duration localTtl) {
		return new SessionStore(redis, new SessionIndex(redis),
				TestProperties.withSessions(Duration.ofMinutes(30), Duration.ofSeconds(60), localTtl));
	}

	private double score(String sessionId) {
		return redis.opsForZSet().score(RedisKeys.sessionIndex(), RedisKeys.sessionIndexMember(tenant, sessionId));
	}

	private static SessionStore store(Duration idleTtl, Duration lastSeenInterval) {
		return new SessionStore(redis, new SessionIndex(redis), TestProperties.withSessions(idleTtl, lastSeenInterval));
	}

}
