package io.mcpbridge.standalone.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.StandaloneOptions;
import io.mcpbridge.worker.pool.PoolStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's config file, {@code --config=config/bridge.yaml}, on the real standalone
 * stack.
 */
class SeedConfigFileTest {

	private static final Path EXAMPLE = Path.of("..", "config", "bridge.yaml").toAbsolutePath().normalize();

	private static StandaloneOptions withConfig(Path file) {
		StandaloneOptions base = new StandaloneOptions(0, 0, 6379, 0, 2, 10, 4);
		return new StandaloneOptions(base.gatewayPort(), base.workerPort(), base.redisPort(), base.homeLatencyMs(),
				base.poolMin(), base.poolMax(), base.partitions(), false, java.util.Map.of(), 0, file,
				java.util.List.of(), 0, null);
	}

	@Test
	void theRepositorysExampleStartsTheStackAndItsSessionPoolSectionSizesThePool() throws Exception {
		try (StandaloneStack stack = StandaloneStack.start(withConfig(EXAMPLE))) {
			BridgeHttp http = new BridgeHttp(stack.gatewayPort());
			String session = http.initialize();
			Response call = http.post("/mcp/tools/call", "{\"name\":\"get_entities\",\"arguments\":{}}", "X-Session-ID",
					session);

			assertThat(call.status()).isEqualTo(200);
			assertThat(http.get("/health").status()).isEqualTo(200);
			PoolStatus home = stack.upstreamStatus().get("home");
			// The stack's own options say target = min = 2; the file's session_pool says
			// 5, and wins.
			assertThat(home.target()).isEqualTo(5);
			assertThat(home.max()).isEqualTo(10);
		}
	}

	@Test
	void anUnknownKeyStopsTheStartNamingTheKey(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("bridge.yaml");
		Files.writeString(file, Files.readString(EXAMPLE).replace("max_retries: 3", "max_retires: 3"));

		assertThatThrownBy(() -> StandaloneStack.start(withConfig(file)).close())
			.hasStackTraceContaining("unknown key 'queue.max_retires'");
	}

}
