package io.mcpbridge.homesim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real home-sim processes given the same --state-file share one home, as a pool
 * behind one upstream does.
 */
class StateFileProcessIT {

	@TempDir
	Path dir;

	private final ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();

	private final List<McpSyncClient> clients = new ArrayList<>();

	private McpSyncClient start() {
		McpSyncClient client = HomeSimClients.start(this.stderr, "--state-file=" + this.dir.resolve("home.jsonl"));
		this.clients.add(client);
		return client;
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(McpSyncClient::closeGracefully);
		// The servers' stderr, in the test output: the first place to look when a call
		// fails.
		this.stderr.forEach(line -> System.out.println("home-sim stderr: " + line));
	}

	@Test
	void aChangeServedByOneProcessIsReadFromTheOther() {
		McpSyncClient first = start();
		McpSyncClient second = start();

		Map<String, Object> changed = call(first, "call_service", Map.of("domain", "light", "service", "turn_on",
				"entity_id", "light.kitchen", "data", Map.of("brightness", 77)));

		Map<String, Object> state = call(second, "get_entity_state", Map.of("entity_id", "light.kitchen"));
		assertThat(state).isEqualTo(changed).containsEntry("state", "on");
		assertThat(state.get("attributes")).isEqualTo(Map.of("friendly_name", "Kitchen Light", "brightness", 77,
				"supported_color_modes", List.of("brightness")));

		Map<String, Object> history = call(second, "get_history", Map.of("entity_id", "light.kitchen"));
		assertThat(history).containsEntry("count", 2);
		Map<?, ?> last = (Map<?, ?>) ((List<?>) history.get("history")).get(1);
		assertThat(last.get("state")).isEqualTo("on");
		assertThat(last.get("last_changed")).isEqualTo(changed.get("last_changed"));
		assertThat(last.get("attributes")).isEqualTo(state.get("attributes"));
		assertThat(this.stderr).noneMatch(line -> line.contains("skipping") || line.contains("ERROR"));
	}

	@Test
	void concurrentTogglesOverTwoProcessesAreNeitherLostNorDuplicated() throws Exception {
		int threads = 6;
		int togglesPerThread = 25;
		List<McpSyncClient> processes = List.of(start(), start());
		Map<String, Object> toggle = Map.of("domain", "light", "service", "toggle", "entity_id", "light.kitchen");
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<List<String>>> results = new ArrayList<>();
		try {
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					List<String> states = new ArrayList<>();
					for (int i = 0; i < togglesPerThread; i++) {
						McpSyncClient client = processes.get((thread + i) % 2);
						states.add((String) call(client, "call_service", toggle).get("state"));
					}
					return states;
				}));
			}
			List<String> states = new ArrayList<>();
			for (Future<List<String>> result : results) {
				states.addAll(result.get());
			}
			// Serialized toggles from "on" alternate off, on, off...: 75 offs and 75 ons
			// for 150 toggles.
			assertThat(states).filteredOn("off"::equals).hasSize(threads * togglesPerThread / 2);
		}
		finally {
			pool.shutdown();
		}
		for (McpSyncClient process : processes) {
			Map<String, Object> history = call(process, "get_history", Map.of("entity_id", "light.kitchen"));
			assertThat(history).containsEntry("count", 1 + threads * togglesPerThread);
			List<?> snapshots = (List<?>) history.get("history");
			Map<String, Object> state = call(process, "get_entity_state", Map.of("entity_id", "light.kitchen"));
			assertThat(state.get("state")).isEqualTo("on")
				.isEqualTo(((Map<?, ?>) snapshots.get(snapshots.size() - 1)).get("state"));
		}
		assertThat(call(processes.get(0), "get_history", Map.of("entity_id", "light.kitchen")))
			.isEqualTo(call(processes.get(1), "get_history", Map.of("entity_id", "light.kitchen")));
	}

	@Test
	void aProcessWithAnotherSeedExitsWith2() throws Exception {
		Path journal = this.dir.resolve("home.jsonl");
		start();
		Process other = new ProcessBuilder(HomeSimCommand.javaCommand("--seed=7", "--state-file=" + journal))
			.redirectErrorStream(true)
			.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> !other.isAlive());
		assertThat(other.exitValue()).isEqualTo(2);
		assertThat(new String(other.getInputStream().readAllBytes()))
			.contains("was started with --seed=42, this process has --seed=7");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> call(McpSyncClient client, String tool, Map<String, Object> arguments) {
		CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
		assertThat(result.isError()).as("%s %s: %s", tool, arguments, result.content()).isFalse();
		return (Map<String, Object>) result.structuredContent();
	}

}
