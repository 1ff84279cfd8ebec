package io.mcpbridge.gateway.status;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.mcpbridge.gateway.call.RequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceTest {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicLong clock = new AtomicLong();

	private final Performance performance = new Performance(registry, clock::get);

	@Test
	void withoutRequestsEverythingIsZeroAndNoPercentileIsClaimed() {
		ObjectNode snapshot = performance.snapshot();

		assertThat(snapshot.get("requests").asLong()).isZero();
		assertThat(snapshot.get("error_rate").asDouble()).isZero();
		assertThat(snapshot.has("p50_at_most_ms")).isFalse();
	}

	@Test
	void requestsOfEveryEndpointAndStatusAddUpAndServerErrorsMakeTheErrorRate() {
		record(timer("tools/call", "200"), 8, Duration.ofMillis(50));
		record(timer("tools/list", "404"), 1, Duration.ofMillis(50));
		record(timer("tools/call", "504"), 1, Duration.ofMillis(700));

		ObjectNode snapshot = performance.snapshot();

		assertThat(snapshot.get("requests").asLong()).isEqualTo(10);
		assertThat(snapshot.get("errors").asLong()).isEqualTo(1);
		assertThat(snapshot.get("error_rate").asDouble()).isEqualTo(0.1);
		assertThat(snapshot.get("avg_response_time_ms").asDouble()).isEqualTo(115.0);
		assertThat(snapshot.get("max_response_time_ms").asDouble()).isEqualTo(700.0);
	}

	@Test
	void percentilesAreTheBucketsTheyFallIn() {
		record(timer("tools/call", "200"), 95, Duration.ofMillis(50));
		record(timer("tools/call", "200"), 5, Duration.ofMillis(300));

		ObjectNode snapshot = performance.snapshot();

		assertThat(snapshot.get("p50_at_most_ms").asLong()).isEqualTo(100);
		assertThat(snapshot.get("p95_at_most_ms").asLong()).isEqualTo(100);
		assertThat(snapshot.get("p99_at_most_ms").asLong()).isEqualTo(500);
	}

	@Test
	void theRateCoversTheRequestsSinceTheOlderSample() {
		performance.snapshot();
		clock.set(TimeUnit.SECONDS.toNanos(60));
		record(timer("tools/call", "200"), 120, Duration.ofMillis(1));
		assertThat(performance.snapshot().get("requests_per_second").asDouble()).isEqualTo(2.0);

		clock.set(TimeUnit.SECONDS.toNanos(90));
		record(timer("tools/call", "200"), 60, Duration.ofMillis(1));
		assertThat(performance.snapshot().get("requests_per_second").asDouble())
			.as("180 requests in the 90 s since the first sample")
			.isEqualTo(2.0);

		clock.set(TimeUnit.SECONDS.toNanos(120));
		record(timer("tools/call", "200"), 30, Duration.ofMillis(1));
		assertThat(performance.snapshot().get("requests_per_second").asDouble())
			.as("90 requests in the 60 s since the sample taken at 60 s")
			.isEqualTo(1.5);
	}

	private Timer timer(String endpoint, String status) {
		return Timer.builder(RequestMetrics.NAME)
			.tag("endpoint", endpoint)
			.tag("status", status)
			.serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1))
			.register(registry);
	}

	private static void record(Timer timer, int times, Duration each) {
		for (int i = 0; i < times; i++) {
			timer.record(each);
		}
	}

}
