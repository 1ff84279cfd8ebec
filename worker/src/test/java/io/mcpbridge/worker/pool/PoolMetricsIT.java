package io.mcpbridge.worker.pool;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Map;

import io.mcpbridge.homesim.HomeSimCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pool's metrics follow a real home-sim pool: processes by state, calls, and a
 * restart after kill -9.
 */
class PoolMetricsIT {

	@Test
	void metricsFollowThePoolThroughCallsAndACrash() {
		UpstreamPools pools = PoolFixtures
			.pools(PoolFixtures.upstream("home", HomeSimCommand.javaCommand(), Map.of(), 2, Duration.ofSeconds(20)));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		// Meters hold their source weakly: keep it (in the worker it is a singleton
		// bean).
		PoolMetrics metrics = new PoolMetrics(pools);
		metrics.bindTo(registry);
		pools.start();
		try {
			assertThat(processes(registry, "idle")).isEqualTo(2);
			assertThat(processes(registry, "busy")).isZero();
			assertThat(registry.get("mcp.worker.pool.desired").tag("upstream", "home").gauge().value()).isEqualTo(2);

			for (int i = 0; i < 3; i++) {
				HomeSimPoolIT.callTool(pools, "home", "get_entity_state", Map.of("entity_id", "light.kitchen"),
						inSeconds(20));
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> count(registry, "mcp.worker.pool.calls") >= 3);

			long pid = pools.status().get("home").pids().get(0);
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> count(registry, "mcp.worker.pool.restarts") == 1 && processes(registry, "idle") == 2);
			assertThat(count(registry, "mcp.worker.pool.errors")).isZero();
		}
		finally {
			pools.stop();
		}
		Reference.reachabilityFence(metrics);
	}

	private static double processes(SimpleMeterRegistry registry, String state) {
		return registry.get("mcp.worker.pool.processes").tags("upstream", "home", "state", state).gauge().value();
	}

	private static double count(SimpleMeterRegistry registry, String name) {
		return registry.get(name).tag("upstream", "home").functionCounter().count();
	}

}
