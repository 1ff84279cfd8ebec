package io.mcpbridge.worker.pool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mcpbridge.homesim.HomeSimCommand;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mcpbridge.worker.pool.PoolFixtures.inSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One worker's pools running home-sim (Java) and the reference memory server (node, from
 * npm) at once.
 */
class TwoUpstreamsIT {

	private static final String MEMORY = "@modelcontextprotocol/server-memory";

	@TempDir
	Path tmp;

	@Test
	void callsReachTheUpstreamTheyNameAndStoppingLeavesNoChildOfEither() throws Exception {
		String entry = NpmServer.entry(MEMORY + "@2026.8.31", MEMORY, "dist/index.js").toString();
		UpstreamPools pools = PoolFixtures
			.pools(PoolFixtures.upstream("home", HomeSimCommand.javaCommand(), Map.of(), 1, Duration.ofSeconds(20)),
					PoolFixtures.upstream("memory", List.of("node", entry),
							Map.of("MEMORY_FILE_PATH", tmp.resolve("memory.jsonl").toString()), 1,
							Duration.ofSeconds(20)));
		pools.start();
		Set<Long> pids = new HashSet<>();
		try {
			pids.addAll(pools.status().get("home").pids());
			pids.addAll(pools.status().get("memory").pids());
			assertThat(PoolLifecycleIT.childrenAmong(pids)).as("both running, in the OS process table").hasSize(2);
			assertThat(pools.initializeResult("home").path("serverInfo").path("name").asString()).isEqualTo("home-sim");
			assertThat(pools.initializeResult("memory").path("serverInfo").path("name").asString())
				.isEqualTo("memory-server");

			HomeSimPoolIT.callTool(pools, "memory", "create_entities",
					Map.of("entities", List
						.of(Map.of("name", "pool-test", "entityType", "test", "observations", List.of("stored")))),
					inSeconds(20));
			JsonNode graph = HomeSimPoolIT.callTool(pools, "memory", "read_graph", Map.of(), inSeconds(20));
			JsonNode light = HomeSimPoolIT.callTool(pools, "home", "get_entity_state",
					Map.of("entity_id", "light.kitchen"), inSeconds(20));

			assertThat(graph.toString()).contains("pool-test", "stored");
			assertThat(light.path("structuredContent").path("entity_id").asString()).isEqualTo("light.kitchen");
		}
		finally {
			pools.stop();
		}
		assertThat(PoolLifecycleIT.childrenAmong(pids)).as("children left after stop").isEmpty();
	}

}
