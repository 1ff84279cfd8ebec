package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measurement behind the default of {@code max-concurrent-per-process}: calls per
 * second and CPU per call of ONE home-sim process with 32 closed-loop callers, for
 * several settings, at 0 ms and 50 ms of upstream latency. CPU is the process's own (from
 * {@code /proc} through {@link ProcessHandle}), plus this JVM's. Run on demand:
 * {@code ./mvnw -pl worker -am test -Dsurefire.excludedGroups= -Dgroups=report
 * -Dtest=MultiplexingReportIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("report")
class MultiplexingReportIT {

	private static final int CALLERS = 32;

	@Test
	void callsPerSecondOfOneProcessByCallsInFlight() throws Exception {
		for (long latency : new long[] { 50, 0 }) {
			for (int perProcess : new int[] { 1, 2, 4, 8, 16, 32 }) {
				measure(latency, perProcess, Duration.ofSeconds(latency == 0 ? 8 : 5));
			}
		}
	}

	private static void measure(long latencyMs, int perProcess, Duration run) throws Exception {
		String name = "m" + perProcess;
		UpstreamPools pools = PoolFixtures
			.pools(Upstream.of(name, HomeSimCommand.javaCommand("--latency-ms=" + latencyMs), Map.of(),
					Pool.fixed(1).withMaxConcurrentPerProcess(perProcess), Duration.ofSeconds(30)));
		pools.start();
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		try {
			long pid = pools.status().get(name).pids().get(0);
			loop(pools, name, callers, Duration.ofSeconds(3)); // warm-up
			long childCpu = cpuNanos(pid);
			long ownCpu = cpuNanos(ProcessHandle.current().pid());
			long calls = loop(pools, name, callers, run);
			double childMs = (cpuNanos(pid) - childCpu) / 1e6 / calls;
			double ownMs = (cpuNanos(ProcessHandle.current().pid()) - ownCpu) / 1e6 / calls;
			System.out.printf(
					"REPORT latency %3d ms, max-concurrent-per-process %2d: %7.1f calls/s, CPU ms/call"
							+ " upstream %.3f + bridge side %.3f, load %.1f%n",
					latencyMs, perProcess, calls / (double) run.toSeconds(), childMs, ownMs, loadAverage());
			assertThat(calls).isPositive();
		}
		finally {
			callers.shutdownNow();
			pools.stop();
		}
	}

	private static long loop(UpstreamPools pools, String name, ExecutorService callers, Duration run) throws Exception {
		long end = System.nanoTime() + run.toNanos();
		AtomicLong done = new AtomicLong();
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			running.add(callers.submit(() -> {
				while (System.nanoTime() < end) {
					HomeSimPoolIT.callTool(pools, name, "get_entity_state", Map.of("entity_id", "light.kitchen"),
							inSeconds(30));
					done.incrementAndGet();
				}
			}));
		}
		for (Future<?> caller : running) {
			caller.get();
		}
		return done.get();
	}

	private static long cpuNanos(long pid) {
		return ProcessHandle.of(pid)
			.flatMap(process -> process.info().totalCpuDuration())
			.map(Duration::toNanos)
			.orElse(0L);
	}

	private static double loadAverage() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

}
