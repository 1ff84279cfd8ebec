package io.mcpbridge.gateway.limits;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.call.CallContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limiter's CPU cost per call in the gateway's JVM: the guard's two bucket checks
 * (client and tenant) against the real Redis at 6379, from 4 threads, with a budget that
 * never runs out; the JVM's process CPU time over the loop, divided by the calls. Redis's
 * own CPU is not counted (it is shared on this machine). A report, not a gate: run it by
 * name ({@code -Dtest=RateLimitCostReportIT -Dsurefire.excludedGroups=}).
 */
@Tag("report")
class RateLimitCostReportIT {

	private static final int WARM_UP = 5_000;

	private static final int CALLS = 20_000;

	@Test
	void cpuPerGuardedCall() throws IOException {
		RateLimitStats stats = new RateLimitStats(new SimpleMeterRegistry());
		RateLimitProperties properties = new RateLimitProperties(true, 1_000_000_000L, 1_000_000,
				new RateLimitProperties.PerClient(true, 1_000_000_000L, 1_000_000), Map.of(), Duration.ofSeconds(2),
				100);
		String tenant = "rl-cost-" + System.nanoTime();
		try (SharedBuckets buckets = new SharedBuckets("127.0.0.1", 6379, Duration.ofSeconds(2),
				new LocalBuckets(100, Duration.ofMinutes(1)), stats)) {
			await().atMost(Duration.ofSeconds(30)).until(buckets::shared);
			RateLimitGuard guard = new RateLimitGuard(buckets, ignored -> Optional.empty(), properties, stats);
			run(guard, tenant, WARM_UP);
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
			long cpuBefore = os.getProcessCpuTime();
			long wallBefore = System.nanoTime();
			run(guard, tenant, CALLS);
			long cpu = os.getProcessCpuTime() - cpuBefore;
			long wall = System.nanoTime() - wallBefore;
			System.out.printf(
					"rate-limit guard: %d calls, %.1f us CPU per call (gateway JVM), %.0f calls/s, "
							+ "fail-open %d, load average %s%n",
					CALLS, cpu / 1e3 / CALLS, CALLS / (wall / 1e9), stats.counts().failOpen(),
					Files.readString(Path.of("/proc/loadavg")).trim());
			assertThat(stats.counts().tenantExceeded() + stats.counts().clientExceeded()).isZero();
		}
	}

	private static void run(RateLimitGuard guard, String tenant, int calls) {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		long now = System.currentTimeMillis();
		RequestEnvelope request = new RequestEnvelope("r-cost", tenant, "s1", "home", "tools/call", "get_entity_state",
				null, Priority.CRITICAL, now + 600_000, "gw-test", null, Map.of(), now);
		CompletableFuture<?>[] all = new CompletableFuture<?>[4];
		for (int t = 0; t < 4; t++) {
			CallContext client = CallContext.of(tenant, "10.0.0." + t);
			all[t] = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < calls / 4; i++) {
					guard.check(client, request);
				}
			}, threads);
		}
		CompletableFuture.allOf(all).join();
		threads.shutdown();
	}

}
