package io.mcpbridge.standalone;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command as a newcomer uses it: {@code java -jar} the packaged
 * standalone jar, wait for its ready line, run the curl session, stop it with SIGTERM
 * (what Ctrl-C's signal does to the JVM) and check that no process it started is left.
 */
class StandaloneProcessIT {

	private static final int KEPT_LINES = 400;

	@Test
	void theRunCommandServesTheCurlSessionAndLeavesNoProcessBehind() throws Exception {
		Path jar = packagedJar();
		int port = freePort();
		Process standalone = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "--port=" + port,
				"--worker-port=" + freePort(), "--management-port=" + freePort())
			.redirectErrorStream(true)
			.start();
		ConcurrentLinkedDeque<String> output = drain(standalone.getInputStream());
		try {
			long started = System.nanoTime();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.failFast("standalone exited early:\n" + String.join("\n", output), () -> !standalone.isAlive())
				.until(() -> output.stream().anyMatch(line -> line.contains("mcp-bridge ready")));
			System.out.printf("standalone ready after %.1f s%n", (System.nanoTime() - started) / 1e9);

			BridgeHttp http = new BridgeHttp(port);
			String session = http.initialize();
			Response on = http.post("/mcp/tools/call",
					"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"turn_on\","
							+ "\"entity_id\":\"light.kitchen\"}}",
					"X-Session-ID", session);
			assertThat(on.status()).isEqualTo(200);
			Response state = http.post("/mcp/tools/call",
					"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}", "X-Session-ID",
					session);
			assertThat(state.body()).contains("\"state\":\"on\"");

			List<ProcessHandle> children = standalone.toHandle().descendants().toList();
			assertThat(children).as("home-sim processes of the worker's pool").isNotEmpty();

			standalone.destroy(); // SIGTERM
			assertThat(standalone.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
		}
		finally {
			standalone.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
			standalone.destroyForcibly();
		}
	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files
				.filter(path -> path.getFileName().toString().matches("mcp-bridge-standalone-.*\\.jar")
						&& !path.getFileName().toString().contains("sources"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("run after `package`: no standalone jar in target/"))
				.toAbsolutePath();
		}
	}

	private static String javaBinary() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Keeps the last lines of the process's output, reading it all so the pipe never
	 * fills.
	 */
	private static ConcurrentLinkedDeque<String> drain(InputStream stream) {
		ConcurrentLinkedDeque<String> lines = new ConcurrentLinkedDeque<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					lines.addLast(line);
					while (lines.size() > KEPT_LINES) {
						lines.pollFirst();
					}
				}
			}
			catch (IOException closed) {
				// the process ended
			}
		}, "standalone-output");
		reader.setDaemon(true);
		reader.start();
		return lines;
	}

}
