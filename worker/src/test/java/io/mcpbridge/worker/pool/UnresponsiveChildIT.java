package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Children that never answer: no call or start waits on them past its bound, and the pool
 * replaces them.
 */
class UnresponsiveChildIT {

	@Test
	void aFrozenProcessIsCheckedRightAfterItsFirstTimedOutCallAndReplaced() throws Exception {
		// The scheduled health check is 5 minutes away: only the timed-out call can
		// reveal the freeze.
		Pool pool = new Pool(1, 1, 1, 1.5, Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofMillis(500),
				false);
		UpstreamPools pools = PoolFixtures
			.pools(Upstream.of("frozen-call", HomeSimCommand.javaCommand(), Map.of(), pool, Duration.ofSeconds(1)));
		pools.start();
		try {
			long pid = pools.status().get("frozen-call").pids().get(0);
			PoolFixtures.signal("STOP", pid);

			long started = System.nanoTime();
			assertThatThrownBy(() -> getEntityState(pools, "frozen-call")).isInstanceOf(CallTimeoutException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				PoolStatus status = pools.status().get("frozen-call");
				assertThat(status.restarts()).isEqualTo(1);
				assertThat(status.live()).isEqualTo(1);
				assertThat(status.pids()).doesNotContain(pid);
			});
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
			assertThat(getEntityState(pools, "frozen-call").path("isError").asBoolean()).isFalse();
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void aChildThatNeverAnswersInitializeFailsItsStartAfterTheConfiguredStartTimeout() {
		// sleep reads nothing and answers nothing; its argument tells its processes apart
		// from other tests'.
		Upstream mute = Upstream.of("mute", List.of("sleep", "1201"), Map.of(), Pool.fixed(1), Duration.ofSeconds(10))
			.withStartTimeout(Duration.ofSeconds(2));
		UpstreamPools pools = PoolFixtures.pools(mute);
		try {
			long started = System.nanoTime();
			pools.start();
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			PoolStatus status = pools.status().get("mute");
			assertThat(status.live()).isZero();
			assertThat(status.lastStartFailure())
				.contains("no answer to initialize within the start-timeout of 2000 ms");
			// Waited the configured 2 s, and far less than the default 30 s.
			assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
		}
		finally {
			pools.stop();
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ProcessHandle.current()
				.descendants()
				.filter(ProcessHandle::isAlive)
				.noneMatch(process -> process.info().arguments().map(List::of).orElse(List.of()).contains("1201")));
	}

	private static JsonNode getEntityState(UpstreamPools pools, String upstream) {
		return HomeSimPoolIT.callTool(pools, upstream, "get_entity_state", Map.of("entity_id", "light.kitchen"),
				inSeconds(20));
	}

}
