package io.mcpbridge.standalone;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.worker.pool.PoolStatus;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two upstreams behind one gateway, as a user would configure them: home-sim ("home", 2 s
 * per call) and the reference memory server from npm ("memory", started with npx).
 * Sessions are routed to the upstream they chose at initialize, and a home-sim process
 * killed in the middle of a call is seen by the HTTP client as a retried success (read
 * tool) or a 502 UPSTREAM_CRASHED (write tool).
 */
class UpstreamsEndToEndIT {

	private static final String MEMORY_SERVER = "@modelcontextprotocol/server-memory@2026.8.31";

	@TempDir
	static Path tmp;

	private static StandaloneStack stack;

	private static BridgeHttp http;

	@BeforeAll
	static void startStack() throws Exception {
		assumeTrue(onPath("npx") && onPath("node"),
				"node and npx are not on PATH: this test runs the npm package " + MEMORY_SERVER);
		// Into npm's cache first: a first download inside the worker could outlast its 30
		// s start timeout.
		Process warm = new ProcessBuilder("npm", "exec", "--yes", "--prefer-offline", "--package=" + MEMORY_SERVER,
				"--", "node", "-e", "0")
			.redirectErrorStream(true)
			.redirectOutput(tmp.resolve("npm.log").toFile())
			.start();
		boolean cached = warm.waitFor(300, TimeUnit.SECONDS) && warm.exitValue() == 0;
		warm.destroyForcibly();
		assumeTrue(cached, "npm could not fetch " + MEMORY_SERVER + ", see " + tmp.resolve("npm.log"));
		stack = StandaloneStack.start(new StandaloneOptions(0, 0, 6379, 2000, 2, 2, 4),
				List.of("bridge.upstreams[1].name=memory", "bridge.upstreams[1].command=npx",
						"bridge.upstreams[1].args[0]=--prefer-offline", "bridge.upstreams[1].args[1]=-y",
						"bridge.upstreams[1].args[2]=" + MEMORY_SERVER,
						"bridge.upstreams[1].env.MEMORY_FILE_PATH=" + tmp.resolve("memory.jsonl"),
						"bridge.upstreams[1].pool.min=1", "bridge.upstreams[1].pool.target=1",
						"bridge.upstreams[1].pool.max=2"));
		http = new BridgeHttp(stack.gatewayPort());
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void eachSessionIsServedByTheUpstreamItChoseAtInitialize() {
		String memory = initialize("memory", "memory-server");
		String home = initialize("home", "home-sim");

		assertThat(toolNames(memory)).contains("create_entities", "read_graph").doesNotContain("get_entity_state");
		assertThat(toolNames(home)).contains("get_entity_state", "call_service").doesNotContain("read_graph");

		BridgeHttp.Response created = http.post("/mcp/tools/call", """
				{"name":"create_entities","arguments":{"entities":[
				  {"name":"bridge-e2e","entityType":"test","observations":["routed to memory"]}]}}""", "X-Session-ID",
				memory);
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		BridgeHttp.Response graph = http.post("/mcp/tools/call", "{\"name\":\"read_graph\",\"arguments\":{}}",
				"X-Session-ID", memory);
		assertThat(graph.status()).as(graph.toString()).isEqualTo(200);
		assertThat(graph.body()).contains("bridge-e2e", "routed to memory");

		BridgeHttp.Response state = http.post("/mcp/tools/call",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}", "X-Session-ID",
				home);
		assertThat(state.status()).as(state.toString()).isEqualTo(200);
		assertThat(state.json().path("result").path("structuredContent").path("entity_id").asString())
			.isEqualTo("light.kitchen");
	}

	@Test
	void aReadCallWhoseProcessIsKilledIsRetriedAndSucceeds() {
		String home = initialize("home", "home-sim");
		long restarts = homeStatus().restarts();
		CompletableFuture<BridgeHttp.Response> call = http.postLater("/mcp/tools/call",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.office\"}}", "X-Session-ID", home,
				"X-Timeout", "90");

		long victim = killTheBusyHomeProcess();

		BridgeHttp.Response response = call.join();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().path("result").path("structuredContent").path("entity_id").asString())
			.isEqualTo("light.office");
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			PoolStatus status = homeStatus();
			assertThat(status.restarts()).isEqualTo(restarts + 1);
			assertThat(status.live()).isEqualTo(2);
			assertThat(status.pids()).doesNotContain(victim);
		});
	}

	@Test
	void aWriteCallWhoseProcessIsKilledIsAnsweredUpstreamCrashed() {
		String home = initialize("home", "home-sim");
		CompletableFuture<BridgeHttp.Response> call = http.postLater("/mcp/tools/call",
				"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\","
						+ "\"entity_id\":\"light.bedroom\"}}",
				"X-Session-ID", home, "X-Timeout", "90");

		killTheBusyHomeProcess();
		long killed = System.nanoTime();

		BridgeHttp.Response response = call.join();
		assertThat(response.status()).as(response.toString()).isEqualTo(502);
		assertThat(response.errorCode()).isEqualTo("UPSTREAM_CRASHED");
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("answered at once, not at the deadline")
			.isLessThan(Duration.ofSeconds(10));
	}

	private static String initialize(String upstream, String expectedServer) {
		BridgeHttp.Response response = http.post("/mcp/initialize",
				"{\"upstream\":\"" + upstream + "\",\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().path("result").path("serverInfo").path("name").asString()).isEqualTo(expectedServer);
		return response.json().path("result").path("session_id").asString();
	}

	private static List<String> toolNames(String session) {
		BridgeHttp.Response response = http.post("/mcp/tools/list", "", "X-Session-ID", session);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode tools = response.json().path("tools");
		return tools.valueStream().map(tool -> tool.path("name").asString()).toList();
	}

	/**
	 * Waits until every home process is up and one runs a call, then kills that one
	 * (SIGKILL).
	 */
	private static long killTheBusyHomeProcess() {
		long victim = await().atMost(Duration.ofSeconds(60))
			.until(() -> homeStatus().busyPids(), busy -> busy.size() == 1)
			.get(0);
		ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
		return victim;
	}

	private static PoolStatus homeStatus() {
		return stack.upstreamStatus().get("home");
	}

	private static boolean onPath(String executable) {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(File.pathSeparator))
			.stream()
			.anyMatch(dir -> Files.isExecutable(Path.of(dir, executable)));
	}

}
