package io.mcpbridge.homesim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.homesim.fault.FaultInjector;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Injected faults as a client sees them on the wire, and as the call log records them.
 */
class HomeSimFaultsIT {

	@TempDir
	Path dir;

	private final List<Map<String, Object>> answers = new CopyOnWriteArrayList<>();

	private Process process;

	@AfterEach
	void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	private Path callLog() {
		return this.dir.resolve("calls.jsonl");
	}

	private void start(String... faultOptions) throws IOException {
		String[] options = new String[faultOptions.length + 1];
		options[0] = "--call-log=" + callLog();
		System.arraycopy(faultOptions, 0, options, 1, faultOptions.length);
		this.process = new ProcessBuilder(HomeSimCommand.javaCommand(options))
			.redirectError(this.dir.resolve("stderr.txt").toFile())
			.start();
		Thread reader = new Thread(this::readAnswers, "home-sim-stdout");
		reader.setDaemon(true);
		reader.start();
		send(RawStdio.INITIALIZE, RawStdio.INITIALIZED);
		await().atMost(Duration.ofSeconds(30)).until(() -> answer(1) != null);
	}

	private void readAnswers() {
		try (BufferedReader stdout = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = stdout.readLine()) != null) {
				this.answers.add(parse(line));
			}
		}
		catch (IOException ex) {
			// The process ended: the test reads what arrived.
		}
	}

	private void send(String... lines) throws IOException {
		RawStdio.send(this.process, lines);
	}

	private static String call(int id, String tool, String arguments, String meta) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
				+ "\",\"arguments\":" + arguments + (meta == null ? "" : ",\"_meta\":" + meta) + "}}";
	}

	private Map<String, Object> answer(int id) {
		return this.answers.stream().filter(a -> Objects.equals(a.get("id"), id)).findFirst().orElse(null);
	}

	private List<Map<String, Object>> logLines() throws IOException {
		if (!Files.exists(callLog())) {
			return List.of();
		}
		return Files.readAllLines(callLog()).stream().map(HomeSimFaultsIT::parse).toList();
	}

	private static Map<String, Object> parse(String line) {
		try {
			return McpJsonDefaults.getMapper().readValue(line, new TypeRef<>() {
			});
		}
		catch (IOException ex) {
			throw new AssertionError("not JSON: " + line, ex);
		}
	}

	@Test
	void failRateOneAnswersJsonRpcInternalErrorsAndNeverRunsTheWrite() throws Exception {
		start("--fail-rate=1");
		send(call(2, "call_service", "{\"domain\":\"light\",\"service\":\"turn_off\",\"entity_id\":\"light.kitchen\"}",
				null));
		await().atMost(Duration.ofSeconds(10)).until(() -> answer(2) != null);
		@SuppressWarnings("unchecked")
		Map<String, Object> error = (Map<String, Object>) answer(2).get("error");
		assertThat(error).containsEntry("code", -32603);
		assertThat((String) error.get("message")).contains("injected failure of call_service");
		assertThat(answer(2)).doesNotContainKey("result");
		assertThat(logLines()).singleElement().satisfies(line -> assertThat(line).containsEntry("fault", "fail"));
	}

	@Test
	void slowCallsWaitTheirDelayThenAnswerNormally() throws Exception {
		start("--slow-rate=1", "--slow-ms=300");
		send(call(2, "get_entity_state", "{\"entity_id\":\"light.kitchen\"}", null));
		await().atMost(Duration.ofSeconds(10)).until(() -> answer(2) != null);
		assertThat(answer(2)).containsKey("result");
		Map<String, Object> line = logLines().get(0);
		long micros = ((Number) line.get("end_us")).longValue() - ((Number) line.get("start_us")).longValue();
		assertThat(micros).isGreaterThanOrEqualTo(300_000);
		assertThat(line).containsEntry("fault", "slow");
	}

	@Test
	void aHungCallIsLoggedAndNeverAnswered() throws Exception {
		start("--hang-rate=1");
		send(call(2, "get_entities", "{}", null));
		await().atMost(Duration.ofSeconds(10)).until(() -> !logLines().isEmpty());
		assertThat(logLines().get(0)).containsEntry("fault", "hang");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> answer(2) == null);
		assertThat(this.process.isAlive()).isTrue();
	}

	@Test
	void aCrashEndsTheProcessWithItsOwnExitCode() throws Exception {
		start("--crash-rate=1");
		send(call(2, "get_entities", "{}", null));
		assertThat(this.process.onExit().get(10, TimeUnit.SECONDS).exitValue())
			.isEqualTo(FaultInjector.CRASH_EXIT_CODE);
		assertThat(answer(2)).isNull();
		assertThat(logLines()).singleElement().satisfies(line -> assertThat(line).containsEntry("fault", "crash"));
		assertThat(Files.readString(this.dir.resolve("stderr.txt"))).contains("injected crash during get_entities");
	}

	@Test
	void theCallLogKeepsTheRequestMetaSoTestsCanCountWhichRequestsRan() throws Exception {
		start();
		send(call(2, "get_entity_state", "{\"entity_id\":\"light.kitchen\"}",
				"{\"io.mcpbridge/requestId\":\"req-42\",\"traceparent\":\"00-0af7651916cd43dd8448eb2"
						+ "11c80319c-b7ad6b7169203331-01\"}"));
		await().atMost(Duration.ofSeconds(10)).until(() -> answer(2) != null);
		assertThat(logLines().get(0).get("meta")).isEqualTo(Map.of("io.mcpbridge/requestId", "req-42", "traceparent",
				"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
	}

}
