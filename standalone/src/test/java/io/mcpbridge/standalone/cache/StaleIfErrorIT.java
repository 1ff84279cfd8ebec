package io.mcpbridge.standalone.cache;

import java.time.Duration;
import java.time.Instant;

import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An expired entry answers a read whose upstream call failed, within the stale-if-error
 * grace.
 */
class StaleIfErrorIT {

	private CacheStack stack;

	@BeforeEach
	void start() {
		stack = CacheStack.start(6379, 0, "bridge.cache.tools[0].name=get_entities", "bridge.cache.tools[0].ttl=1s",
				"bridge.cache.stale-if-error=60s");
	}

	@AfterEach
	void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void anExpiredEntryIsServedStaleWhenTheUpstreamTimesOut() {
		CacheStack.Client first = stack.client(0);
		CacheStack.Client second = stack.client(1);
		String read = CacheAcrossGatewaysIT.call("get_entities", "{\"domain\":\"cover\"}");
		Response fresh = first.call(read);
		assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
		Instant expires = Instant.parse(fresh.json().path("cache_expires").asString());

		stack.stopWorker();
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expires));
		Response stale = second.call(read, "X-Timeout", "1");

		assertThat(stale.status()).as(stale.toString()).isEqualTo(200);
		assertThat(stale.json().path("stale").asBoolean()).isTrue();
		assertThat(stale.json().path("cached").asBoolean()).isTrue();
		assertThat(stale.json().path("result")).isEqualTo(fresh.json().path("result"));
		assertThat(stale.header("Cache-Status")).contains("fwd-status=504", "detail=stale-if-error");
	}

}
