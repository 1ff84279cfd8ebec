package io.mcpbridge.standalone.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports (does not assert) the latency of a read answered by the cache and of the same read sent to
 * the upstream ({@code X-Cache-Control: no-cache}: gateway → Kafka → worker → home-sim → Redis →
 * gateway). Excluded by default; run with
 * {@code ./mvnw -o -pl standalone -am verify -Dsurefire.excludedGroups= -Dgroups=report -Dtest=CacheLatencyReportTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("report")
class CacheLatencyReportTest {

	private static final int WARM_UP = 200;

	private static final int SAMPLES = 500;

	private static CacheStack stack;

	@BeforeAll
	static void start() {
		stack = CacheStack.start(6379, 0);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void reportsTheMedianLatencyOfCachedAndUncachedReads() {
		CacheStack.Client client = stack.client(0);
		String read = CacheAcrossGatewaysTest.state("light.kitchen");
		measure(client, read, WARM_UP, true);
		measure(client, read, WARM_UP, false);

		List<Long> uncached = measure(client, read, SAMPLES, false);
		List<Long> cached = measure(client, read, SAMPLES, true);

		System.out.printf("cache latency report (%d reads each): cached p50 %.2f ms p99 %.2f ms; uncached p50 %.2f ms p99 %.2f ms%n",
				SAMPLES, percentile(cached, 50), percentile(cached, 99), percentile(uncached, 50),
				percentile(uncached, 99));
		assertThat(cached).hasSize(SAMPLES);
	}

	/** Nanoseconds per read; checks that each read was (or was not) answered by the cache. */
	private static List<Long> measure(CacheStack.Client client, String read, int count, boolean fromCache) {
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			Response response = fromCache ? client.call(read) : client.call(read, "X-Cache-Control", "no-cache");
			nanos.add(System.nanoTime() - start);
			assertThat(response.status()).isEqualTo(200);
			if (i > 0) {
				assertThat(response.json().path("cached").asBoolean()).isEqualTo(fromCache);
			}
		}
		return nanos;
	}

	private static double percentile(List<Long> nanos, int percent) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1_000_000.0;
	}
}
