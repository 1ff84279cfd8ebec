package io.mcpbridge.loadtests.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The suite's options, how it reads the bridge's answers, its calls and home-sim's log.
 */
class FaultSuiteInputsTest {

	@TempDir
	Path tmp;

	@Test
	void optionsHaveTheDocumentedDefaultsAndRefuseWhatIsOutOfRange() {
		FaultOptions options = FaultOptions.parse("--fleet=/tmp/fleet");

		assertThat(options.rate()).isEqualTo(20);
		assertThat(options.windowSeconds()).isEqualTo(10);
		assertThat(options.faults()).containsExactly(Fault.UPSTREAM_KILL, Fault.REDIS_RESTART, Fault.KAFKA_RESTART,
				Fault.WORKER_KILL);
		assertThat(FaultOptions.parse("--fleet=f", "--faults=worker-kill,kafka-restart").faults())
			.containsExactly(Fault.WORKER_KILL, Fault.KAFKA_RESTART);
		assertThatIllegalArgumentException().isThrownBy(() -> FaultOptions.parse("--rate=20"))
			.withMessageContaining("--fleet");
		assertThatIllegalArgumentException().isThrownBy(() -> FaultOptions.parse("--fleet=f", "--rate=0"))
			.withMessageContaining("--rate must be 1..500");
		assertThatIllegalArgumentException().isThrownBy(() -> FaultOptions.parse("--fleet=f", "--faults=reboot"))
			.withMessageContaining("unknown fault 'reboot'");
	}

	@Test
	void answersAreAResultAToolErrorTheBridgesCodeOrTheStatus() {
		assertThat(Answers.resultOf(200, "{\"jsonrpc\":\"2.0\",\"result\":{\"content\":[],\"isError\":false}}"))
			.isEqualTo(Outcome.OK);
		assertThat(Answers.resultOf(200, "{\"result\":{\"content\":[],\"isError\":true}}"))
			.isEqualTo(Outcome.TOOL_ERROR);
		assertThat(Answers.resultOf(503, "{\"error\":{\"code\":\"QUEUE_UNAVAILABLE\",\"message\":\"...\"}}"))
			.isEqualTo("QUEUE_UNAVAILABLE");
		assertThat(Answers.resultOf(502, "<html>Bad Gateway</html>")).isEqualTo("HTTP_502");
		assertThat(Answers.sessionId("{\"result\":{\"session_id\":\"s-1\"}}")).isEqualTo("s-1");
		assertThat(new Outcome("x", "t", false, 0, 1, 503, "STORE_UNAVAILABLE").undocumented()).isFalse();
		assertThat(new Outcome("x", "t", false, 0, 1, 500, "HTTP_500").undocumented()).isTrue();
	}

	@Test
	void callsHaveUniqueRequestIdsAndTheAskedShareOfWrites() {
		Traffic traffic = new Traffic("run", 30, 7);
		List<Traffic.Call> calls = Stream.generate(traffic::next).limit(1000).toList();

		assertThat(calls).extracting(Traffic.Call::requestId).doesNotHaveDuplicates();
		long writes = calls.stream().filter(Traffic.Call::write).count();
		assertThat(writes).isBetween(250L, 350L);
		assertThat(calls).filteredOn(Traffic.Call::write)
			.allMatch(call -> call.tool().equals("call_service") && call.body().contains(call.requestId()));
	}

	@Test
	void executionsAreCountedByTheRequestIdInTheCallLogsMeta() throws Exception {
		Path log = this.tmp.resolve("calls.jsonl");
		Files.writeString(log, """
				{"tool":"call_service","meta":{"io.mcpbridge/requestId":"w1"}}
				{"tool":"call_service","meta":{"io.mcpbridge/requestId":"w2"}}
				{"tool":"call_service","meta":{"io.mcpbridge/requestId":"w2"}}
				{"tool":"call_service","meta":{"io.mcpbridge/requestId":"w3"},"fault":"fail"}
				{"tool":"get_entity_state","arguments":{}}
				{"tool":"call_se
				""");

		Executions executions = Executions.read(log);

		assertThat(executions.of("w1")).isEqualTo(1);
		assertThat(executions.of("w2")).isEqualTo(2);
		assertThat(executions.of("w3")).as("an injected fault ran nothing").isZero();
		assertThat(executions.unreadableLines()).isEqualTo(1);
	}

}
