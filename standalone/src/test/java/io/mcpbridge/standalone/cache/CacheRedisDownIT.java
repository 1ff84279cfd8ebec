package io.mcpbridge.standalone.cache;

import java.time.Duration;

import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cache on a Redis of its own (sessions and replies stay on the shared one): stopping
 * it mid-test turns the cache off, not the bridge.
 */
class CacheRedisDownIT {

	private OwnRedis cacheRedis;

	private CacheStack stack;

	@BeforeEach
	void start() {
		cacheRedis = OwnRedis.startOnFreePort();
		stack = CacheStack.start(cacheRedis.port, 0);
	}

	@AfterEach
	void stop() {
		if (stack != null) {
			stack.close();
		}
		if (cacheRedis != null) {
			cacheRedis.close();
		}
	}

	private static Response read(CacheStack.Client client) {
		Response response = client.call(CacheAcrossGatewaysIT.state("light.porch"));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	private static boolean cached(Response response) {
		return response.json().path("cached").asBoolean();
	}

	@Test
	void readsAreAnsweredUncachedWhileTheCacheRedisIsDownAndCachedAgainWhenItIsBack() {
		CacheStack.Client first = stack.client(0);
		CacheStack.Client second = stack.client(1);
		read(first);
		assertThat(cached(read(second))).as("cached while Redis is up").isTrue();

		cacheRedis.stop();

		for (int i = 0; i < 5; i++) {
			assertThat(cached(read(first))).isFalse();
			assertThat(cached(read(second))).isFalse();
		}
		Response write = first.call(CacheAcrossGatewaysIT.call("call_service",
				"{\"domain\":\"light\",\"service\":\"turn_on\",\"entity_id\":\"light.porch\"}"));
		assertThat(write.status()).as("a write goes through without its invalidation").isEqualTo(200);
		assertThat(first.http().get("/mcp/status").json().path("cache").path("redis_failures").asLong()).isPositive();

		cacheRedis.start();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			read(first);
			assertThat(cached(read(second))).isTrue();
		});
		assertThat(read(second).json().path("result").path("structuredContent").path("state").asString())
			.isEqualTo("on");
	}

}
