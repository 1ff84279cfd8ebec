package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.fixture.FixtureCommand;
import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.stdio.CallListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an upstream sends during calls that share one process (the conformance fixture as
 * a real subprocess, 8 calls per process) reaches the listener of the call it belongs to,
 * or no listener: never another call's.
 */
class CallAttributionIT {

	/**
	 * One thread per call: the calls must be in flight together (the common pool may have
	 * one thread).
	 */
	private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

	private static final String UPSTREAM = "fixture";

	private static UpstreamPools pools;

	/** Records what reaches one call. */
	private static final class Recording implements CallListener {

		final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

		final List<String> serverRequests = new CopyOnWriteArrayList<>();

		private final boolean alone;

		Recording(boolean alone) {
			this.alone = alone;
		}

		@Override
		public void onNotification(String method, JsonNode params) {
			ObjectNode message = BridgeJson.mapper().createObjectNode();
			message.put("method", method);
			message.set("params", params);
			notifications.add(message);
		}

		@Override
		public CompletableFuture<JsonNode> onServerRequest(String method, JsonNode params) {
			serverRequests.add(method);
			return CallListener.super.onServerRequest(method, params);
		}

		@Override
		public boolean needsOwnProcess() {
			return alone;
		}

		List<JsonNode> logs() {
			return notifications.stream()
				.filter(message -> "notifications/message".equals(message.path("method").asString()))
				.toList();
		}

	}

	@BeforeAll
	static void startPool() {
		pools = PoolFixtures.pools(Upstream.of(UPSTREAM, FixtureCommand.javaCommand(), Map.of(),
				Pool.fixed(1).withMaxConcurrentPerProcess(8), Duration.ofSeconds(30)));
		pools.start();
	}

	@AfterAll
	static void stopPool() {
		pools.stop();
	}

	@Test
	void progressReachesOnlyTheCallWhoseTokenItCarries() {
		List<Recording> listeners = new ArrayList<>();
		List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Recording listener = new Recording(false);
			listeners.add(listener);
			calls.add(callAsync("test_tool_with_progress", "token-" + i, listener));
		}
		calls.forEach(CompletableFuture::join);

		for (int i = 0; i < listeners.size(); i++) {
			List<JsonNode> progress = listeners.get(i).notifications;
			assertThat(progress).as("call %d", i).hasSize(3);
			String token = "token-" + i;
			assertThat(progress).allSatisfy(
					message -> assertThat(message.path("params").path("progressToken").asString()).isEqualTo(token));
		}
	}

	@Test
	void logMessagesOfOneCallNeverReachAnotherCallRunningBesideIt() {
		for (int round = 0; round < 3; round++) {
			List<Recording> quiet = new ArrayList<>();
			List<Recording> loud = new ArrayList<>();
			List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				Recording logging = new Recording(false);
				loud.add(logging);
				calls.add(callAsync("test_tool_with_logging", null, logging));
				// Without a progress token this tool pauses like the logging one and
				// sends nothing.
				Recording silent = new Recording(false);
				quiet.add(silent);
				calls.add(callAsync("test_tool_with_progress", null, silent));
			}
			calls.forEach(CompletableFuture::join);

			assertThat(quiet).allSatisfy(listener -> assertThat(listener.notifications).isEmpty());
			// Several calls in flight: no log message can be told apart, so none is
			// relayed to any of them.
			assertThat(loud).allSatisfy(listener -> assertThat(listener.logs()).hasSizeLessThanOrEqualTo(3));
		}
	}

	@Test
	void aCallThatNeedsItsOwnProcessGetsAllItsLogMessagesAndNobodyElseDoes() {
		List<Recording> quiet = new ArrayList<>();
		List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Recording silent = new Recording(false);
			quiet.add(silent);
			calls.add(callAsync("test_tool_with_progress", null, silent));
		}
		Recording alone = new Recording(true);
		CompletableFuture<JsonNode> logging = callAsync("test_tool_with_logging", null, alone);
		for (int i = 0; i < 3; i++) {
			Recording silent = new Recording(false);
			quiet.add(silent);
			calls.add(callAsync("test_tool_with_progress", null, silent));
		}
		calls.forEach(CompletableFuture::join);
		logging.join();

		assertThat(alone.logs()).extracting(message -> message.path("params").path("data").asString())
			.containsExactly("Tool execution started", "Tool processing data", "Tool execution completed");
		assertThat(quiet).allSatisfy(listener -> assertThat(listener.notifications).isEmpty());
		assertThat(pools.status().get(UPSTREAM).inFlight()).isZero();
	}

	@Test
	void aRequestToTheClientReachesOnlyACallThatRunsAlone() {
		Recording alone = new Recording(true);
		List<Recording> quiet = new ArrayList<>();
		List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Recording silent = new Recording(false);
			quiet.add(silent);
			calls.add(callAsync("test_tool_with_progress", null, silent));
		}
		CompletableFuture<JsonNode> sampling = CompletableFuture
			.supplyAsync(() -> call("test_sampling", Map.of("prompt", "hello"), null, alone), CALLERS);
		calls.forEach(CompletableFuture::join);
		sampling.handle((result, failure) -> null).join();

		assertThat(alone.serverRequests).containsExactly("sampling/createMessage");
		assertThat(quiet).allSatisfy(listener -> assertThat(listener.serverRequests).isEmpty());
	}

	private static CompletableFuture<JsonNode> callAsync(String tool, String progressToken, CallListener listener) {
		return CompletableFuture.supplyAsync(() -> call(tool, Map.of(), progressToken, listener), CALLERS);
	}

	private static JsonNode call(String tool, Map<String, Object> arguments, String progressToken,
			CallListener listener) {
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("name", tool);
		params.set("arguments", BridgeJson.mapper().valueToTree(arguments));
		if (progressToken != null) {
			params.putObject("_meta").put("progressToken", progressToken);
		}
		return pools.execute(UPSTREAM, inSeconds(30), "tools/call", params, listener);
	}

}
