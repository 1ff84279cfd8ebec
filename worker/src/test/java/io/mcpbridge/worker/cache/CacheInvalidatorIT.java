package io.mcpbridge.worker.cache;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import io.mcpbridge.common.CacheInvalidation;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.config.WorkerProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against the real Redis on 127.0.0.1:6379, with a tenant of its own. */
class CacheInvalidatorIT {

	private final String tenant = "invalidator-" + System.nanoTime();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RedisClient client = RedisClient.create("redis://127.0.0.1:6379");

	private final StatefulRedisConnection<String, String> redis = client.connect();

	private CacheInvalidator invalidator;

	@AfterEach
	void close() {
		if (invalidator != null) {
			invalidator.close();
		}
		redis.sync().del(RedisKeys.cacheVersions(tenant, "home"));
		redis.close();
		client.shutdown();
	}

	private CacheInvalidator invalidator(int port) {
		WorkerProperties properties = new WorkerProperties(new WorkerProperties.Worker("w"), List.of(), null, null,
				null, null, new WorkerProperties.Cache("127.0.0.1", port, Duration.ofMillis(500)), "");
		invalidator = new CacheInvalidator(properties, meters, "localhost", 6379);
		return invalidator;
	}

	private RequestEnvelope call(String tool, String arguments) {
		return new RequestEnvelope("r-" + System.nanoTime(), tenant, "s", "home", Methods.TOOLS_CALL, tool,
				BridgeJson.mapper().readTree(arguments), Priority.MEDIUM, Long.MAX_VALUE, "gw", null, Map.of(), 0);
	}

	@Test
	void aWriteBumpsItsEntityDomainAndListsAndAnnouncesThem() {
		List<String> announced = new CopyOnWriteArrayList<>();
		StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
		subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				announced.add(message);
			}
		});
		subscriber.sync().subscribe(RedisKeys.cacheInvalidationChannel());

		invalidator(6379).afterWrite(call("call_service", "{\"entity_id\":\"light.kitchen\"}").asWrite());

		assertThat(redis.sync().hgetall(RedisKeys.cacheVersions(tenant, "home")))
			.isEqualTo(Map.of(CacheDependencies.entityField("light.kitchen"), "1",
					CacheDependencies.domainField("light"), "1", "a", "1"));
		await().atMost(Duration.ofSeconds(10)).until(() -> announced.stream().anyMatch(m -> m.contains(tenant)));
		CacheInvalidation message = announced.stream()
			.filter(m -> m.contains(tenant))
			.map(m -> BridgeJson.mapper().readValue(m, CacheInvalidation.class))
			.findFirst()
			.orElseThrow();
		assertThat(message.fields()).containsExactly(CacheDependencies.entityField("light.kitchen"),
				CacheDependencies.domainField("light"), "a");
		subscriber.close();
	}

	@Test
	void aRequestNotMarkedAsAWriteInvalidatesNothing() {
		invalidator(6379).afterWrite(call("get_entity_state", "{\"entity_id\":\"light.kitchen\"}"));
		assertThat(redis.sync().exists(RedisKeys.cacheVersions(tenant, "home"))).isZero();
	}

	@Test
	void anUnreachableCacheRedisIsCountedAndDoesNotThrow() throws Exception {
		int nothingThere;
		try (ServerSocket socket = new ServerSocket(0)) {
			nothingThere = socket.getLocalPort();
		}
		invalidator(nothingThere).afterWrite(call("call_service", "{\"entity_id\":\"light.kitchen\"}").asWrite());
		assertThat(meters.get("mcp.worker.cache.invalidation.failures").counter().count()).isEqualTo(1.0);
	}

}
