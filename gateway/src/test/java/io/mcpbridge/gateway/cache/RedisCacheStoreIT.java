package io.mcpbridge.gateway.cache;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cache's Redis operations against the real Redis on 127.0.0.1:6379, on a tenant of
 * their own.
 */
class RedisCacheStoreIT {

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	private final CacheStats stats = new CacheStats(new SimpleMeterRegistry());

	private final List<CacheRedis> clients = new CopyOnWriteArrayList<>();

	private final String tenant = "store-test-" + System.nanoTime();

	@AfterEach
	void close() {
		clients.forEach(CacheRedis::close);
		scheduler.shutdownNow();
	}

	private CacheRedis connect(int port, List<String> messages) {
		return connect(port, messages, Duration.ofSeconds(2));
	}

	private CacheRedis connect(int port, List<String> messages, Duration timeout) {
		CacheRedis redis = new CacheRedis("127.0.0.1", port, timeout, scheduler);
		redis.start("test-channel-" + tenant, (channel, message) -> messages.add(message), () -> {
		});
		clients.add(redis);
		return redis;
	}

	private RedisCacheStore store(List<String> messages) {
		return new RedisCacheStore(connect(6379, messages), stats);
	}

	private CacheKey key() {
		return CacheKey.of(new CacheRequest(tenant, "home", "get_entity_state",
				BridgeJson.mapper().readTree("{\"entity_id\":\"light.a\"}"),
				new CachePolicy(Duration.ofSeconds(10), false), CacheControl.NONE));
	}

	private static CachedEntry entry(Versions versions) {
		long now = System.currentTimeMillis();
		return new CachedEntry(BridgeJson.mapper().readTree("{\"state\":\"on\"}"), now, now + 10_000,
				versions.values());
	}

	@Test
	void aFirstLookupStartsAnEpochAndReportsUnwrittenFieldsAsEmpty() {
		RedisCacheStore store = store(new CopyOnWriteArrayList<>());
		RedisCacheStore.Lookup first = store.lookup(key(), true, null).orElseThrow();
		RedisCacheStore.Lookup second = store.lookup(key(), true, null).orElseThrow();

		assertThat(first.versions().hasEpoch()).isTrue();
		assertThat(first.versions().values()).containsEntry(CacheDependencies.entityField("light.a"), "")
			.containsEntry("w", "");
		assertThat(second.versions()).as("the epoch is set once").isEqualTo(first.versions());
		assertThat(first.entry()).isNull();
	}

	@Test
	void anEntryIsStoredWhileItsVersionsAreCurrentAndRefusedAfterAWrite() {
		List<String> unused = new CopyOnWriteArrayList<>();
		RedisCacheStore store = store(unused);
		CacheRedis redis = clients.get(0);
		Versions before = store.lookup(key(), false, null).orElseThrow().versions();
		assertThat(store.store(key(), entry(before), Duration.ofSeconds(30))).isTrue();
		RedisCacheStore.Lookup stored = store.lookup(key(), true, null).orElseThrow();
		assertThat(stored.entry().isValidUnder(stored.versions())).isTrue();

		// The worker's invalidation: bump the entity's field.
		redis.commands().hincrby(key().versionsKey(), CacheDependencies.entityField("light.a"), 1);

		RedisCacheStore.Lookup after = store.lookup(key(), true, null).orElseThrow();
		assertThat(after.entry().isValidUnder(after.versions())).as("the stored entry is no longer valid").isFalse();
		assertThat(store.store(key(), entry(before), Duration.ofSeconds(30))).as("a late store of an old read")
			.isFalse();
		assertThat(stats.snapshot().get("redis_failures")).isEqualTo(0L);
	}

	@Test
	void aLockHasOneHolderAndOnlyTheHolderReleasesIt() {
		RedisCacheStore store = store(new CopyOnWriteArrayList<>());
		String lock = key().redisKey() + ":lock:test";

		assertThat(store.tryLock(lock, "a", Duration.ofSeconds(5))).isEqualTo(RedisCacheStore.LockResult.ACQUIRED);
		assertThat(store.tryLock(lock, "b", Duration.ofSeconds(5))).isEqualTo(RedisCacheStore.LockResult.HELD_BY_OTHER);
		store.unlock(lock, "b");
		assertThat(store.lookup(key(), false, lock).orElseThrow().lockHeld()).isTrue();
		store.unlock(lock, "a");
		assertThat(store.lookup(key(), false, lock).orElseThrow().lockHeld()).isFalse();
	}

	@Test
	void aStoreReleasesItsOwnLockInTheSameScriptButNeverAnothersLock() {
		RedisCacheStore store = store(new CopyOnWriteArrayList<>());
		String lock = key().redisKey() + ":lock:store";
		Versions before = store.lookup(key(), false, null).orElseThrow().versions();
		store.tryLock(lock, "mine", Duration.ofSeconds(5));

		assertThat(store.store(key(), entry(before), Duration.ofSeconds(30), lock, "other")).isTrue();
		assertThat(store.lookup(key(), false, lock).orElseThrow().lockHeld()).as("not its lock").isTrue();
		assertThat(store.store(key(), entry(before), Duration.ofSeconds(30), lock, "mine")).isTrue();

		RedisCacheStore.Lookup after = store.lookup(key(), true, lock).orElseThrow();
		assertThat(after.lockHeld()).isFalse();
		assertThat(after.entry()).isNotNull();
	}

	@Test
	void aSupersededStoreStillReleasesItsLock() {
		RedisCacheStore store = store(new CopyOnWriteArrayList<>());
		String lock = key().redisKey() + ":lock:superseded";
		Versions before = store.lookup(key(), false, null).orElseThrow().versions();
		store.tryLock(lock, "mine", Duration.ofSeconds(5));
		clients.get(0).commands().hincrby(key().versionsKey(), CacheDependencies.entityField("light.a"), 1);

		assertThat(store.store(key(), entry(before), Duration.ofSeconds(30), lock, "mine")).isFalse();
		assertThat(store.lookup(key(), false, lock).orElseThrow().lockHeld()).isFalse();
	}

	@Test
	void resettingTheEpochInvalidatesEveryEntry() {
		RedisCacheStore store = store(new CopyOnWriteArrayList<>());
		Versions before = store.lookup(key(), false, null).orElseThrow().versions();
		store.store(key(), entry(before), Duration.ofSeconds(30));

		store.resetEpoch(tenant, "home");

		RedisCacheStore.Lookup after = store.lookup(key(), true, null).orElseThrow();
		assertThat(after.entry()).isNotNull();
		assertThat(after.entry().isValidUnder(after.versions())).isFalse();
	}

	@Test
	void invalidationMessagesReachTheSubscriber() {
		List<String> messages = new CopyOnWriteArrayList<>();
		store(messages);
		CacheRedis publisher = connect(6379, new CopyOnWriteArrayList<>());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			publisher.commands().publish("test-channel-" + tenant, "hello");
			assertThat(messages).contains("hello");
		});
	}

	@Test
	void anUnreachableRedisFailsOpenAndIsCounted() throws Exception {
		int nothingThere;
		try (ServerSocket socket = new ServerSocket(0)) {
			nothingThere = socket.getLocalPort();
		}
		RedisCacheStore store = new RedisCacheStore(
				connect(nothingThere, new CopyOnWriteArrayList<>(), Duration.ofMillis(100)), stats);

		assertThat(store.lookup(key(), true, null)).isEmpty();
		assertThat(store.store(key(), entry(Versions.of(List.of("*"), List.of("x"))), Duration.ofSeconds(1))).isFalse();
		assertThat(store.tryLock("lock", "a", Duration.ofSeconds(1))).isEqualTo(RedisCacheStore.LockResult.UNAVAILABLE);
		assertThat((Long) stats.snapshot().get("redis_failures")).isEqualTo(3L);
	}

}
