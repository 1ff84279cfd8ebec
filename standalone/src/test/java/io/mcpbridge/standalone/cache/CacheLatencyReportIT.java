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
 * Reports (does not assert) the latency of a read answered by the cache and of the same
 * read sent to the upstream ({@code X-Cache-Control: no-cache}: gateway → Kafka → worker
 * → home-sim → Redis → gateway). Excluded by default; run with
 * {@code ./mvnw -o -pl standalone -am verify -Dsurefire.excludedGroups= -Dgroups=report
 * -Dtest=CacheLatencyReportIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("report")
class CacheLatencyReportIT {

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
		String read = CacheAcrossGatewaysIT.state("light.kitchen");
		measure(client, read, WARM_UP, true);
		measure(client, read, WARM_UP, false);

		List<Long> uncached = measure(client, read, SAMPLES, false);
		List<Long> cached = measure(client, read, SAMPLES, true);

		System.out.printf(
				"cache latency report: cached p50 %.2f ms p99 %.2f ms (%d reads answered by the cache);"
						+ " uncached p50 %.2f ms p99 %.2f ms (%d reads)%n",
				percentile(cached, 50), percentile(cached, 99), cached.size(), percentile(uncached, 50),
				percentile(uncached, 99), uncached.size());
		assertThat(uncached).as("no-cache always reaches the upstream").hasSize(SAMPLES);
		// The entry expires every 10 s (get_entity_state's TTL): a few reads per expiry
		// are misses.
		assertThat(cached).as("reads answered by the cache").hasSizeGreaterThan(SAMPLES * 9 / 10);
	}

	/**
	 * Nanoseconds per read whose {@code cached} flag is {@code fromCache}: with
	 * {@code fromCache} false the reads send {@code X-Cache-Control: no-cache}, else
	 * plain reads, of which the cache misses (expiry) are left out.
	 */
	private static List<Long> measure(CacheStack.Client client, String read, int count, boolean fromCache) {
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			Response response = fromCache ? client.call(read) : client.call(read, "X-Cache-Control", "no-cache");
			long elapsed = System.nanoTime() - start;
			assertThat(response.status()).isEqualTo(200);
			if (response.json().path("cached").asBoolean() == fromCache) {
				nanos.add(elapsed);
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
