package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.worker.stdio.CallListener;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool against a third-party stdio MCP server (the reference "everything" server,
 * TypeScript SDK), started as the worker would start it: {@code node <entry> stdio}.
 */
class EverythingServerCompatibilityIT {

	private static final String PACKAGE = "@modelcontextprotocol/server-everything";

	private static final String VERSION = "2026.8.31";

	/**
	 * Set on the test JVM by the surefire configuration: a secret of the "worker" the
	 * child must not see.
	 */
	private static final String WORKER_SECRET = "MCP_BRIDGE_TEST_SECRET";

	private static UpstreamPools pools;

	@BeforeAll
	static void startServer() throws Exception {
		String entry = NpmServer.entry(PACKAGE + "@" + VERSION, PACKAGE, "dist/index.js").toString();
		pools = PoolFixtures.pools(PoolFixtures.upstream("everything", List.of("node", entry, "stdio"),
				Map.of("BRIDGE_CONFIGURED", "yes"), 1, Duration.ofSeconds(20)));
		pools.start();
	}

	@AfterAll
	static void stopServer() {
		if (pools != null) {
			pools.stop();
		}
	}

	@Test
	void initializeReportsTheRealServersIdentity() {
		JsonNode init = pools.initializeResult("everything");

		assertThat(init.path("serverInfo").path("name").asString()).isEqualTo("mcp-servers/everything");
		assertThat(init.path("capabilities").has("tools")).isTrue();
	}

	@Test
	void toolsListShowsItsFifteenToolsIncludingTheSamplingAndElicitationOnes() {
		JsonNode tools = pools.execute("everything", inSeconds(20), "tools/list", null, CallListener.NONE);

		assertThat(tools.path("tools").valueStream().map(tool -> tool.path("name").asString()).toList())
			// 13 for any client, 2 more because the worker declares the sampling and
			// elicitation capabilities.
			.hasSize(15)
			.contains("echo", "get-sum", "get-env", "trigger-long-running-operation", "trigger-sampling-request",
					"trigger-elicitation-request");
	}

	@Test
	void echoRoundTripsTheMessage() {
		JsonNode result = HomeSimPoolIT.callTool(pools, "everything", "echo", Map.of("message", "héllo, bridge"),
				inSeconds(20));

		assertThat(result.path("isError").asBoolean()).isFalse();
		assertThat(result.path("content")).hasSize(1);
		assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("Echo: héllo, bridge");
	}

	@Test
	void theChildSeesOnlyAllowListedAndConfiguredEnvironmentVariables() {
		assertThat(System.getenv(WORKER_SECRET)).as("surefire sets %s on the test JVM", WORKER_SECRET).isNotNull();

		JsonNode result = HomeSimPoolIT.callTool(pools, "everything", "get-env", Map.of(), inSeconds(20));
		String json = result.path("content").get(0).path("text").asString();
		Map<String, String> childEnv = BridgeJson.mapper().readValue(json, new TypeReference<Map<String, String>>() {
		});

		assertThat(childEnv).containsEntry("BRIDGE_CONFIGURED", "yes").doesNotContainKey(WORKER_SECRET);
		// The allow-list (PATH, HOME, LANG, JAVA_HOME) and the configured variables,
		// nothing else.
		assertThat(childEnv.keySet()).isSubsetOf("BRIDGE_CONFIGURED", "PATH", "HOME", "LANG", "JAVA_HOME");
	}

}
