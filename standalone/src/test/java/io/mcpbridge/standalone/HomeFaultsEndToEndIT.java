package io.mcpbridge.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * home-sim's fault injection driven through the standalone's {@code --home-*} options, as
 * someone trying the bridge from {@code ./run.sh} would: with a faults file, an upstream
 * that starts failing is seen by HTTP clients as an upstream error, and once the file
 * goes the same stack answers again without a restart.
 */
class HomeFaultsEndToEndIT {

	private static final String READ = "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\""
			+ ":\"light.kitchen\"}}";

	@TempDir
	static Path tmp;

	private static StandaloneStack stack;

	private static BridgeHttp http;

	private static Path faultsFile;

	@BeforeAll
	static void startStack() throws Exception {
		faultsFile = tmp.resolve("home-faults");
		StandaloneOptions options = StandaloneOptions.parse("--port=0", "--worker-port=0", "--pool-min=1",
				"--pool-max=1", "--partitions=2", "--home-faults-file=" + faultsFile);
		stack = StandaloneStack.start(options, List.of());
		http = new BridgeHttp(stack.gatewayPort());
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	private static BridgeHttp.Response read(String session) {
		return http.post("/mcp/tools/call", READ, "X-Session-ID", session, "X-Cache-Control", "no-cache");
	}

	@Test
	void anUpstreamThatStartsFailingAnswersUpstreamErrorsThenRecoversWithoutARestart() throws Exception {
		String session = http.initialize();
		assertThat(read(session).status()).isEqualTo(200);

		Files.writeString(faultsFile, "fail-rate=1\n");
		BridgeHttp.Response failed = read(session);
		assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
		assertThat(failed.errorCode()).isEqualTo("UPSTREAM_ERROR");
		assertThat(failed.body()).contains("injected failure of get_entity_state").doesNotContain("Exception");

		Files.delete(faultsFile);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(read(session).status()).isEqualTo(200));
		assertThat(read(session).json().path("result").toString()).contains("light.kitchen");
	}

}
