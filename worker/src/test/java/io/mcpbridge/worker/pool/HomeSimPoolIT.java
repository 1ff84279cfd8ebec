package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.worker.stdio.CallListener;
import io.mcpbridge.worker.stdio.JsonRpcException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The pool running real home-sim subprocesses. */
class HomeSimPoolIT {

	/** Long enough to observe a call in flight; tests never wait it out. */
	private static final String SLOW = "--latency-ms=5000";

	private static UpstreamPools shared;

	@BeforeAll
	static void startSharedPool() {
		shared = start("home", 2, Duration.ofSeconds(10));
	}

	@AfterAll
	static void stopSharedPool() {
		shared.stop();
	}

	@Test
	void everyProcessIsStartedAndInitializedOnceThenReused() {
		List<Long> pids = shared.status().get("home").pids();
		assertThat(pids).hasSize(2);

		for (int i = 0; i < 10; i++) {
			getEntityState(shared, "home", "light.kitchen", inSeconds(10));
		}

		PoolStatus status = shared.status().get("home");
		assertThat(status.pids()).isEqualTo(pids);
		assertThat(status.live()).isEqualTo(2);
		assertThat(status.idle()).isEqualTo(2);
		assertThat(status.calls()).isGreaterThanOrEqualTo(10);
	}

	@Test
	void initializeResultIsTheUpstreamsOwn() {
		JsonNode init = shared.initializeResult("home");

		assertThat(init.path("serverInfo").path("name").asString()).isEqualTo("home-sim");
		assertThat(init.path("instructions").asString()).contains("simulated Home Assistant");
		assertThat(init.path("capabilities").has("tools")).isTrue();
	}

	@Test
	void aToolCallRoundTripsItsStructuredResult() {
		JsonNode result = getEntityState(shared, "home", "light.kitchen", inSeconds(10));

		assertThat(result.path("isError").asBoolean()).isFalse();
		assertThat(result.path("structuredContent").path("entity_id").asString()).isEqualTo("light.kitchen");
		assertThat(result.path("structuredContent").path("state").asString()).isEqualTo("on");
	}

	@Test
	void anUnknownToolIsAJsonRpcErrorOfTheUpstream() {
		assertThatThrownBy(() -> callTool(shared, "home", "no_such_tool", Map.of(), inSeconds(10)))
			.isInstanceOfSatisfying(JsonRpcException.class, error -> assertThat(error.code()).isEqualTo(-32602));
	}

	@Test
	void whenEveryProcessIsBusyBorrowingGivesUpAtTheDeadline() {
		// One call per process: the second call finds no room.
		UpstreamPools pools = PoolFixtures.pools(WorkerProperties.Upstream.of("slow", HomeSimCommand.javaCommand(SLOW),
				Map.of(), WorkerProperties.Pool.fixed(1).withMaxConcurrentPerProcess(1), Duration.ofSeconds(30)));
		pools.start();
		try {
			CompletableFuture<?> busy = CompletableFuture
				.runAsync(() -> getEntityState(pools, "slow", "light.kitchen", inSeconds(30)));
			await().atMost(Duration.ofSeconds(5)).until(() -> pools.status().get("slow").idle() == 0);

			long started = System.nanoTime();
			// It never reached the upstream: a timeout in the queue, not an unavailable
			// upstream.
			assertThatThrownBy(() -> getEntityState(pools, "slow", "light.office", Instant.now().plusMillis(300)))
				.isInstanceOf(NoIdleClientException.class)
				.hasMessageContaining("busy");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
			busy.cancel(true);
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void aCallEndsAtTheRemainingDeadlineEvenIfTheCallTimeoutIsLonger() {
		UpstreamPools pools = start("slow", 1, Duration.ofSeconds(30), SLOW);
		try {
			long started = System.nanoTime();
			assertThatThrownBy(() -> getEntityState(pools, "slow", "light.kitchen", Instant.now().plusMillis(500)))
				.isInstanceOf(CallTimeoutException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
			// A call without answer is followed by a ping, which this sequential server
			// answers only after
			// the slow call (about the health-check timeout): it goes back, or is
			// replaced. Either way one is idle.
			await().atMost(Duration.ofSeconds(30)).until(() -> pools.status().get("slow").idle() == 1);
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void aProcessThatDiesMidCallFailsTheCallAsCrashedAndIsReplaced() {
		UpstreamPools pools = start("slow", 1, Duration.ofSeconds(30), SLOW);
		try {
			long pid = pools.status().get("slow").pids().get(0);
			CompletableFuture<JsonNode> call = CompletableFuture
				.supplyAsync(() -> getEntityState(pools, "slow", "light.kitchen", inSeconds(30)));
			await().atMost(Duration.ofSeconds(5)).until(() -> pools.status().get("slow").idle() == 0);

			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

			assertThat(call).failsWithin(Duration.ofSeconds(5))
				.withThrowableThat()
				.withCauseInstanceOf(UpstreamCrashedException.class);
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				PoolStatus status = pools.status().get("slow");
				assertThat(status.live()).isEqualTo(1);
				assertThat(status.pids()).doesNotContain(pid);
				assertThat(status.restarts()).isEqualTo(1);
				assertThat(status.errors()).isEqualTo(1);
			});
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void aProcessKilledWhileIdleIsNotHandedOutAndIsReplaced() {
		UpstreamPools pools = start("fragile", 1, Duration.ofSeconds(10));
		try {
			long pid = pools.status().get("fragile").pids().get(0);
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());

			// Borrowing finds the dead client, discards it and waits for the replacement.
			JsonNode result = getEntityState(pools, "fragile", "light.kitchen", inSeconds(30));

			assertThat(result.path("isError").asBoolean()).isFalse();
			assertThat(pools.status().get("fragile").pids()).hasSize(1).doesNotContain(pid);
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void stoppingLeavesNoChildProcessBehind() {
		UpstreamPools pools = start("short-lived", 3, Duration.ofSeconds(10));
		List<Long> pids = pools.status().get("short-lived").pids();
		assertThat(pids).hasSize(3);

		pools.stop();

		assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
		assertThat(PoolLifecycleIT.childrenAmong(java.util.Set.copyOf(pids))).as("children of this JVM").isEmpty();
		assertThat(pools.status().get("short-lived").live()).isZero();
	}

	@Test
	void anUpstreamThatCannotStartIsUnavailableWithoutWaitingForTheDeadline() {
		UpstreamPools pools = PoolFixtures.pools(PoolFixtures.upstream("broken", List.of("/nonexistent/bin/mcp-server"),
				Map.of(), 1, Duration.ofSeconds(10)));
		pools.start();
		try {
			assertThat(pools.status().get("broken").lastStartFailure()).contains("/nonexistent/bin/mcp-server");

			long started = System.nanoTime();
			assertThatThrownBy(() -> getEntityState(pools, "broken", "light.kitchen", inSeconds(30)))
				.isInstanceOf(UpstreamUnavailableException.class)
				.hasMessageContaining("could not start");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			pools.stop();
		}
	}

	@Test
	void aProcessThatExitsDuringTheHandshakeFailsItsStartAtOnce() {
		// home-sim exits with code 2 on an unknown option, before speaking MCP.
		UpstreamPools pools = PoolFixtures.pools(PoolFixtures.upstream("exits",
				HomeSimCommand.javaCommand("--no-such-option"), Map.of(), 1, Duration.ofSeconds(20)));
		long started = System.nanoTime();
		pools.start();
		try {
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(pools.status().get("exits").lastStartFailure()).contains("exited with 2");
			assertThat(pools.status().get("exits").live()).isZero();
		}
		finally {
			pools.stop();
		}
	}

	private static UpstreamPools start(String name, int size, Duration callTimeout, String... options) {
		UpstreamPools pools = PoolFixtures
			.pools(PoolFixtures.upstream(name, HomeSimCommand.javaCommand(options), Map.of(), size, callTimeout));
		pools.start();
		assertThat(pools.status().get(name).live()).as("processes started").isEqualTo(size);
		return pools;
	}

	private static JsonNode getEntityState(UpstreamPools pools, String upstream, String entityId, Instant deadline) {
		return callTool(pools, upstream, "get_entity_state", Map.of("entity_id", entityId), deadline);
	}

	static JsonNode callTool(UpstreamPools pools, String upstream, String tool, Map<String, Object> arguments,
			Instant deadline) {
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("name", tool);
		params.set("arguments", BridgeJson.mapper().valueToTree(arguments));
		return pools.execute(upstream, deadline, "tools/call", params, CallListener.NONE);
	}

}
