package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.stdio.CallListener;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several calls in flight on one real home-sim process
 * ({@code max-concurrent-per-process}).
 */
class MultiplexedPoolIT {

	/**
	 * One thread per call: the calls must be in flight together (the common pool may have
	 * one thread).
	 */
	private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

	@Test
	void concurrentCallsOnOneProcessOverlapInTime() {
		int calls = 8;
		long latencyMs = 1000;
		UpstreamPools pools = start("overlap", 8, "--latency-ms=" + latencyMs);
		try {
			long pid = pools.status().get("overlap").pids().get(0);
			long started = System.nanoTime();
			List<CompletableFuture<JsonNode>> running = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				running.add(CompletableFuture.supplyAsync(() -> HomeSimPoolIT.callTool(pools, "overlap",
						"get_entity_state", Map.of("entity_id", "light.kitchen"), inSeconds(60)), CALLERS));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> pools.status().get("overlap").inFlight() == calls);
			PoolStatus during = pools.status().get("overlap");
			assertThat(during.busyPids()).as("all on the one process").containsExactly(pid);
			assertThat(during.busy()).isEqualTo(1);

			assertThat(running).allSatisfy(call -> assertThat(call.join().path("isError").asBoolean()).isFalse());
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			// One after the other they would take 8 s; overlapping, about one latency
			// (slack for a loaded machine).
			assertThat(took).isLessThan(Duration.ofMillis(latencyMs * calls / 2));
			PoolStatus after = pools.status().get("overlap");
			assertThat(after.inFlight()).isZero();
			assertThat(after.idle()).isEqualTo(1);
			assertThat(after.pids()).containsExactly(pid);
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void noMoreThanMaxConcurrentPerProcessRunOnOneProcessTheRestWait() {
		UpstreamPools pools = start("bounded", 2, "--latency-ms=3000");
		try {
			List<CompletableFuture<JsonNode>> running = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				running.add(CompletableFuture.supplyAsync(() -> HomeSimPoolIT.callTool(pools, "bounded",
						"get_entity_state", Map.of("entity_id", "light.kitchen"), inSeconds(60)), CALLERS));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> pools.status().get("bounded").waitingCalls() == 1);
			assertThat(pools.status().get("bounded").inFlight()).isEqualTo(2);

			assertThat(running).allSatisfy(call -> assertThat(call.join().path("isError").asBoolean()).isFalse());
			assertThat(pools.status().get("bounded").calls()).isEqualTo(3);
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void aCallThatMustRunAloneGetsAProcessUnderSteadyLoadOfOthers() throws Exception {
		UpstreamPools pools = start("steady", 8, "--latency-ms=500");
		AtomicBoolean loading = new AtomicBoolean(true);
		try {
			List<CompletableFuture<Void>> load = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				load.add(CompletableFuture.runAsync(() -> {
					while (loading.get()) {
						HomeSimPoolIT.callTool(pools, "steady", "get_entity_state",
								Map.of("entity_id", "light.kitchen"), inSeconds(60));
					}
				}, CALLERS));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> pools.status().get("steady").inFlight() >= 2);

			ObjectNode params = BridgeJson.mapper().createObjectNode();
			params.put("name", "get_entity_state");
			params.putObject("arguments").put("entity_id", "light.porch");
			long started = System.nanoTime();
			JsonNode alone = pools.execute("steady", inSeconds(60), "tools/call", params, new CallListener() {
				@Override
				public boolean needsOwnProcess() {
					return true;
				}
			});

			assertThat(alone.path("isError").asBoolean()).isFalse();
			// The one process stops taking the others' calls until it is idle: about one
			// latency, not the deadline.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
			loading.set(false);
			CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		finally {
			loading.set(false);
			pools.stop();
		}
	}

	@Test
	void aCrashFailsEveryCallInFlightOnTheProcessAndReplacesItOnce() {
		UpstreamPools pools = start("crashing", 4, "--latency-ms=5000");
		try {
			long pid = pools.status().get("crashing").pids().get(0);
			List<CompletableFuture<JsonNode>> running = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				running.add(CompletableFuture.supplyAsync(() -> HomeSimPoolIT.callTool(pools, "crashing",
						"get_entity_state", Map.of("entity_id", "light.kitchen"), inSeconds(60)), CALLERS));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> pools.status().get("crashing").inFlight() == 4);

			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

			assertThat(running).allSatisfy(call -> assertThat(call).failsWithin(Duration.ofSeconds(5))
				.withThrowableThat()
				.withCauseInstanceOf(UpstreamCrashedException.class));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				PoolStatus status = pools.status().get("crashing");
				assertThat(status.live()).isEqualTo(1);
				assertThat(status.pids()).doesNotContain(pid);
				assertThat(status.restarts()).as("one process replaced, not one per call").isEqualTo(1);
				assertThat(status.errors()).isEqualTo(4);
				assertThat(status.inFlight()).isZero();
			});
		}
		finally {
			pools.stop();
		}
	}

	private static UpstreamPools start(String name, int perProcess, String... options) {
		Upstream upstream = Upstream.of(name, HomeSimCommand.javaCommand(options), Map.of(),
				Pool.fixed(1).withMaxConcurrentPerProcess(perProcess), Duration.ofSeconds(30));
		UpstreamPools pools = PoolFixtures.pools(upstream);
		pools.start();
		assertThat(pools.status().get(name).live()).as("process started").isEqualTo(1);
		return pools;
	}

}
