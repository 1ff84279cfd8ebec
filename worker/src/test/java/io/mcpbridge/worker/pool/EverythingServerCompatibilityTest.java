package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool against a third-party stdio MCP server (the reference "everything" server, TypeScript SDK),
 * started as the worker would start it: {@code node <entry> stdio}.
 */
class EverythingServerCompatibilityTest {

	private static final String PACKAGE = "@modelcontextprotocol/server-everything";

	private static final String VERSION = "2026.8.31";

	/** Set on the test JVM by the surefire configuration: a secret of the "worker" the child must not see. */
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
		McpSchema.InitializeResult init = pools.initializeResult("everything");

		assertThat(init.serverInfo().name()).isEqualTo("mcp-servers/everything");
		assertThat(init.capabilities().tools()).isNotNull();
	}

	@Test
	void toolsListShowsItsThirteenTools() {
		McpSchema.ListToolsResult tools = pools.execute("everything", inSeconds(20), client -> client.listTools());

		assertThat(tools.tools()).extracting(McpSchema.Tool::name)
			.hasSize(13)
			.contains("echo", "get-sum", "get-env", "trigger-long-running-operation");
	}

	@Test
	void echoRoundTripsTheMessage() {
		McpSchema.CallToolResult result = pools.execute("everything", inSeconds(20),
				client -> client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "héllo, bridge"))));

		assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(result.content()).singleElement()
			.isInstanceOfSatisfying(McpSchema.TextContent.class,
					text -> assertThat(text.text()).isEqualTo("Echo: héllo, bridge"));
	}

	@Test
	void theChildSeesOnlyAllowListedAndConfiguredEnvironmentVariables() {
		assertThat(System.getenv(WORKER_SECRET)).as("surefire sets %s on the test JVM", WORKER_SECRET).isNotNull();

		McpSchema.CallToolResult result = pools.execute("everything", inSeconds(20),
				client -> client.callTool(new McpSchema.CallToolRequest("get-env", Map.of())));
		String json = ((McpSchema.TextContent) result.content().get(0)).text();
		Map<String, String> childEnv = BridgeJson.mapper().readValue(json, new TypeReference<Map<String, String>>() {
		});

		assertThat(childEnv).containsEntry("BRIDGE_CONFIGURED", "yes").doesNotContainKey(WORKER_SECRET);
		// Ours (PATH, HOME, LANG, JAVA_HOME) plus the ones the MCP SDK's ServerParameters always adds.
		assertThat(childEnv.keySet()).isSubsetOf("BRIDGE_CONFIGURED", "PATH", "HOME", "LANG", "JAVA_HOME", "LOGNAME",
				"SHELL", "TERM", "USER");
	}
}
