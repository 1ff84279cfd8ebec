package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sizing, health checks, replacement and backoff of a pool of real home-sim processes.
 */
class PoolLifecycleIT {

	@Test
	void thePoolGrowsUnderABurstOfSlowCallsAndShrinksBackToMinWhenIdle() {
		// 4 calls per process: the calls below fill 3 processes many times over.
		Pool pool = new Pool(1, 3, 2, 1.5, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(5), true)
			.withMaxConcurrentPerProcess(4);
		UpstreamPools pools = start(Upstream.of("burst", HomeSimCommand.javaCommand("--latency-ms=2500"), Map.of(),
				pool, Duration.ofSeconds(30)));
		Set<Long> everyPid = ConcurrentHashMap.newKeySet();
		try {
			assertThat(status(pools, "burst").live()).as("min started eagerly").isEqualTo(1);

			// 40 calls of 2.5 s: 25 s for one process at 4 at a time, long enough to
			// outlast slow starts of the others.
			List<CompletableFuture<JsonNode>> burst = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				burst.add(CompletableFuture.supplyAsync(() -> HomeSimPoolIT.callTool(pools, "burst", "get_entity_state",
						Map.of("entity_id", "light.kitchen"), inSeconds(120))));
			}
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				PoolStatus status = status(pools, "burst");
				everyPid.addAll(status.pids());
				assertThat(status.live()).isLessThanOrEqualTo(3);
				assertThat(status.live()).isEqualTo(3);
			});
			assertThat(childrenAmong(everyPid)).as("in the OS process table").hasSize(3);
			assertThat(burst).allSatisfy(call -> assertThat(call.join().path("isError").asBoolean()).isFalse());

			// Idle for over 2 s: back to min, and it stays there.
			await().atMost(Duration.ofSeconds(30)).until(() -> status(pools, "burst").live() == 1);
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(5))
				.until(() -> status(pools, "burst").live() == 1);
			await().atMost(Duration.ofSeconds(30)).until(() -> childrenAmong(everyPid).size() == 1);
			assertThat(status(pools, "burst").desired()).isEqualTo(1);
			assertThat(status(pools, "burst").restarts()).as("retiring is not replacing").isZero();
		}
		finally {
			pools.stop();
		}
		assertThat(childrenAmong(everyPid)).as("after stop").isEmpty();
	}

	@Test
	void aProcessKilledWhileIdleIsReplacedAndCountedAsARestart() {
		UpstreamPools pools = start(
				PoolFixtures.upstream("idle-kill", HomeSimCommand.javaCommand(), Map.of(), 2, Duration.ofSeconds(10)));
		try {
			long victim = status(pools, "idle-kill").pids().get(0);

			ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);

			// No call is needed: the upkeep finds the dead process.
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				PoolStatus status = status(pools, "idle-kill");
				assertThat(status.restarts()).isEqualTo(1);
				assertThat(status.live()).isEqualTo(2);
				assertThat(status.pids()).doesNotContain(victim);
			});
			assertThat(ProcessHandle.of(victim).filter(ProcessHandle::isAlive)).isEmpty();
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void aProcessThatStopsAnsweringPingsIsReplaced() throws Exception {
		Pool pool = new Pool(1, 1, 1, 1.5, Duration.ofSeconds(300), Duration.ofSeconds(1), Duration.ofMillis(500),
				false);
		UpstreamPools pools = start(
				Upstream.of("frozen", HomeSimCommand.javaCommand(), Map.of(), pool, Duration.ofSeconds(10)));
		try {
			long pid = status(pools, "frozen").pids().get(0);
			// Pinged every second and answering: kept.
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
				PoolStatus status = status(pools, "frozen");
				return status.restarts() == 0 && status.pids().equals(List.of(pid));
			});

			PoolFixtures.signal("STOP", pid); // alive but deaf, as a hung server would be

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				PoolStatus status = status(pools, "frozen");
				assertThat(status.restarts()).isEqualTo(1);
				assertThat(status.live()).isEqualTo(1);
				assertThat(status.pids()).doesNotContain(pid);
			});
			// The frozen process is stopped too (SIGKILL works on a stopped process).
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
			JsonNode result = HomeSimPoolIT.callTool(pools, "frozen", "get_entity_state",
					Map.of("entity_id", "light.kitchen"), inSeconds(20));
			assertThat(result.path("isError").asBoolean()).isFalse();
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void anUpstreamThatCannotStartBacksOffAndFailsCallsFast() {
		UpstreamPools pools = start(Upstream.of("broken", List.of("/nonexistent/bin/mcp-server"), Map.of(),
				new Pool(2, 4, 2, 1.5, Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(5), true),
				Duration.ofSeconds(10)));
		try {
			List<Long> failureTimes = new ArrayList<>();
			int[] seen = { 0 };
			await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(40)).until(() -> {
				int failures = status(pools, "broken").consecutiveStartFailures();
				if (failures > seen[0]) {
					seen[0] = failures;
					failureTimes.add(System.nanoTime());
				}
				return failures >= 5;
			});
			List<Duration> gaps = new ArrayList<>();
			for (int i = 1; i < failureTimes.size(); i++) {
				gaps.add(Duration.ofNanos(failureTimes.get(i) - failureTimes.get(i - 1)));
			}
			// Started at once: two parallel first attempts may count as 1 then 2; the
			// later gaps double.
			assertThat(gaps.get(gaps.size() - 1)).isGreaterThan(gaps.get(gaps.size() - 2));
			assertThat(gaps.get(gaps.size() - 2)).isGreaterThan(gaps.get(gaps.size() - 3));
			assertThat(gaps.get(gaps.size() - 1)).isGreaterThanOrEqualTo(Duration.ofMillis(3500));

			PoolStatus status = status(pools, "broken");
			assertThat(status.lastStartFailure()).contains("/nonexistent/bin/mcp-server", "no such executable");
			assertThat(status.live()).isZero();
			assertThat(status.restarting()).as("wanted, waiting for the backoff").isEqualTo(2);
			// Timed without AssertJ in the window: loading its classes on a busy machine
			// takes seconds.
			long started = System.nanoTime();
			RuntimeException failure = null;
			try {
				HomeSimPoolIT.callTool(pools, "broken", "get_entity_state", Map.of(), inSeconds(30));
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(failure).isInstanceOf(UpstreamUnavailableException.class)
				.hasMessageContaining("could not start");
			// Far from its 30 s deadline (the bound leaves room for a loaded shared
			// machine).
			assertThat(took).isLessThan(Duration.ofSeconds(3));
		}
		finally {
			pools.stop();
		}
	}

	private static UpstreamPools start(Upstream upstream) {
		UpstreamPools pools = PoolFixtures.pools(upstream);
		pools.start();
		return pools;
	}

	private static PoolStatus status(UpstreamPools pools, String upstream) {
		return pools.status().get(upstream);
	}

	/** Which of {@code pids} are still running children of this JVM. */
	static List<Long> childrenAmong(Set<Long> pids) {
		return ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.map(ProcessHandle::pid)
			.filter(pids::contains)
			.toList();
	}

}
