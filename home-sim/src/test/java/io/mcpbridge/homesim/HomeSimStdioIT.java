package io.mcpbridge.homesim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process contract at the byte level: stdout is only JSON-RPC, exit codes,
 * end-of-file handling.
 */
class HomeSimStdioIT {

	@TempDir
	Path dir;

	private Process start(String... options) throws IOException {
		return new ProcessBuilder(HomeSimCommand.javaCommand(options))
			.redirectOutput(this.dir.resolve("stdout.txt").toFile())
			.redirectError(this.dir.resolve("stderr.txt").toFile())
			.start();
	}

	private int exitCode(Process process) throws Exception {
		return process.onExit().get(30, TimeUnit.SECONDS).exitValue();
	}

	private List<String> stdout() throws IOException {
		return Files.readAllLines(this.dir.resolve("stdout.txt"));
	}

	@Test
	void exitsZeroWithEmptyStdoutWhenStdinClosesAtOnce() throws Exception {
		Process process = start();
		process.getOutputStream().close();
		assertThat(exitCode(process)).isZero();
		assertThat(stdout()).isEmpty();
		assertThat(Files.readString(this.dir.resolve("stderr.txt"))).contains("home-sim: ready");
	}

	@Test
	void answersPipedRequestsBeforeExitingAndStdoutHoldsOnlyJsonRpc() throws Exception {
		Process process = start("--latency-ms=300");
		RawStdio.send(process, RawStdio.INITIALIZE, RawStdio.INITIALIZED,
				"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_services\"}}",
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_entities\","
						+ "\"arguments\":{\"domain\":\"climate\"}}}");
		process.getOutputStream().close();
		assertThat(exitCode(process)).isZero();
		List<Map<String, Object>> messages = stdout().stream().map(HomeSimStdioIT::parse).toList();
		assertThat(messages).allSatisfy(message -> assertThat(message).containsEntry("jsonrpc", "2.0"));
		assertThat(messages).extracting(message -> message.get("id")).containsExactlyInAnyOrder(1, 2, 3);
	}

	@Test
	void exitsOneWhenTheTransportStopsOnAnUnparseableLine() throws Exception {
		Process process = start();
		RawStdio.send(process, "this is not json");
		// stdin stays open: the process must notice that the SDK transport gave up, not
		// wait for end-of-file.
		assertThat(exitCode(process)).isEqualTo(1);
		assertThat(stdout()).isEmpty();
	}

	@Test
	void exitsTwoOnAnUnknownOption() throws Exception {
		Process process = start("--colour=red");
		assertThat(exitCode(process)).isEqualTo(2);
		assertThat(Files.readString(this.dir.resolve("stderr.txt"))).contains("unknown option --colour", "usage:");
	}

	private static Map<String, Object> parse(String line) {
		try {
			return McpJsonDefaults.getMapper().readValue(line, new TypeRef<>() {
			});
		}
		catch (IOException ex) {
			throw new AssertionError("stdout line is not JSON: " + line, ex);
		}
	}

}
