package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.resilience.CircuitBreakerProperties;
import io.mcpbridge.worker.resilience.RetryProperties;
import io.mcpbridge.worker.resilience.UpstreamBreakers;
import io.mcpbridge.worker.resilience.UpstreamRetries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mcpbridge.worker.pool.PoolFixtures;
import io.mcpbridge.worker.pool.PoolStatus;
import io.mcpbridge.worker.pool.UpstreamCrashedException;
import io.mcpbridge.worker.pool.UpstreamPools;
import io.mcpbridge.worker.stdio.CallListener;
import io.mcpbridge.worker.trace.WorkerTracing;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A home-sim process killed (SIGKILL) in the middle of a tool call, with real
 * subprocesses: the call of a tool home-sim annotates read-only is run again on the other
 * process; a write fails with the crash at once, even of a tool listed idempotent.
 */
class CrashRetryIT {

	/** Each call takes 3 s: long enough to kill the process while it runs. */
	private static final String UPSTREAM = "slow-home";

	private static UpstreamPools pools;

	/**
	 * One thread per call: calls must be in flight together (the common pool may have one
	 * thread).
	 */
	private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

	private static UpstreamMethods methods;

	@BeforeAll
	static void startPool() {
		// call_service is listed idempotent: a write is still never run twice.
		WorkerProperties properties = PoolFixtures.properties(
				Upstream
					.of(UPSTREAM, HomeSimCommand.javaCommand("--latency-ms=3000"), Map.of(), Pool.fixed(2),
							Duration.ofSeconds(60))
					.withIdempotentTools(List.of("call_service")));
		pools = new UpstreamPools(properties);
		pools.start();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		methods = new UpstreamMethods(pools, new ToolsCache(properties, pools), new RetrySafeTools(properties),
				new UpstreamBreakers(properties, CircuitBreakerProperties.defaults(), meters),
				new UpstreamRetries(properties, RetryProperties.defaults(), meters), WorkerTracing.off());
	}

	@AfterAll
	static void stopPool() {
		pools.stop();
	}

	@Test
	void aReadOnlyToolIsRetriedOnAnotherProcessWhenItsProcessDies() {
		long restartsBefore = status().restarts();
		CompletableFuture<UpstreamMethods.Result> call = callAsync("get_entity_state",
				Map.of("entity_id", "light.kitchen"));

		long victim = killTheBusyProcess();

		JsonNode result = call.join().result();
		assertThat(result.path("isError").asBoolean()).isFalse();
		assertThat(result.path("structuredContent").path("entity_id").asString()).isEqualTo("light.kitchen");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(status().restarts()).isEqualTo(restartsBefore + 1);
			assertThat(status().pids()).hasSize(2).doesNotContain(victim);
		});
	}

	@Test
	void aWriteFailsAsCrashedAtOnceEvenOfAToolListedIdempotent() {
		CompletableFuture<UpstreamMethods.Result> call = callAsync("call_service",
				Map.of("domain", "light", "service", "toggle", "entity_id", "light.kitchen"));

		killTheBusyProcess();
		long killed = System.nanoTime();

		assertThat(call).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.withCauseInstanceOf(UpstreamCrashedException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(5));
		awaitBothProcessesBack();
	}

	@Test
	void aCrashWithSeveralCallsInFlightRetriesTheReadAndFailsTheWrite() {
		awaitBothProcessesBack();
		long restartsBefore = status().restarts();
		// Both go to the most recently used process, which has room for 8.
		CompletableFuture<UpstreamMethods.Result> read = startAsync("get_entity_state",
				Map.of("entity_id", "light.kitchen"));
		CompletableFuture<UpstreamMethods.Result> write = startAsync("call_service",
				Map.of("domain", "light", "service", "toggle", "entity_id", "light.kitchen"));
		long victim = await().atMost(Duration.ofSeconds(10))
			.until(CrashRetryIT::status, status -> status.inFlight() == 2 && status.busyPids().size() == 1)
			.busyPids()
			.get(0);

		ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);

		assertThat(write).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.withCauseInstanceOf(UpstreamCrashedException.class);
		assertThat(read.join().result().path("structuredContent").path("entity_id").asString())
			.isEqualTo("light.kitchen");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(status().restarts()).as("one process died").isEqualTo(restartsBefore + 1);
			assertThat(status().pids()).hasSize(2).doesNotContain(victim);
		});
	}

	private static CompletableFuture<UpstreamMethods.Result> callAsync(String tool, Map<String, Object> arguments) {
		awaitBothProcessesBack();
		return startAsync(tool, arguments);
	}

	private static CompletableFuture<UpstreamMethods.Result> startAsync(String tool, Map<String, Object> arguments) {
		RequestEnvelope read = new RequestEnvelope(UUID.randomUUID().toString(), "default", "session-1", UPSTREAM,
				Methods.TOOLS_CALL, tool, BridgeJson.mapper().valueToTree(arguments), Priority.MEDIUM,
				System.currentTimeMillis() + 90_000, "gateway-1", null, null, System.currentTimeMillis());
		// As the gateway marks them: call_service is the write.
		RequestEnvelope request = "call_service".equals(tool) ? read.asWrite() : read;
		return CompletableFuture.supplyAsync(() -> methods.execute(request, CallListener.NONE), CALLERS);
	}

	private static long killTheBusyProcess() {
		long victim = await().atMost(Duration.ofSeconds(10))
			.until(() -> status().busyPids(), busy -> busy.size() == 1)
			.get(0);
		ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
		return victim;
	}

	private static void awaitBothProcessesBack() {
		await().atMost(Duration.ofSeconds(90)).until(() -> status().idle() == 2);
	}

	private static PoolStatus status() {
		return pools.status().get(UPSTREAM);
	}

}
