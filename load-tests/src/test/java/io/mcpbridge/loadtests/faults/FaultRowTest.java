package io.mcpbridge.loadtests.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultRowTest {

	/**
	 * Baseline 0-5 s, fault injected at 5 s, process back at 15 s, phase over at 30 s.
	 */
	private static final FaultRow.Phase PHASE = new FaultRow.Phase(Fault.KAFKA_RESTART, 0, 5_000, 15_000, 30_000);

	@Test
	void countsSuccessesErrorsByCodeAndLostCallsOfItsPhaseOnly() {
		List<Outcome> calls = List.of(read("r1", 1_000, Outcome.OK), read("r2", 6_000, "QUEUE_UNAVAILABLE"),
				read("r3", 7_000, "QUEUE_UNAVAILABLE"), read("r4", 8_000, Outcome.NO_ANSWER),
				read("r5", 16_000, "TIMEOUT"), read("r6", 17_000, Outcome.OK), read("later", 31_000, "TIMEOUT"));

		FaultRow row = FaultRow.of(PHASE, calls, Executions.of(Map.of()));

		assertThat(row.calls()).isEqualTo(6);
		assertThat(row.ok()).isEqualTo(2);
		assertThat(row.errors()).containsExactly(Map.entry("QUEUE_UNAVAILABLE", 2), Map.entry("TIMEOUT", 1));
		assertThat(row.lost()).isEqualTo(1);
		assertThat(row.downMs()).isEqualTo(10_000);
		assertThat(row.passed()).as("a lost call fails the fault").isFalse();
	}

	@Test
	void recoveryIsTheFirstSuccessAfterTheLastFailureCountedFromTheEndOfTheFault() {
		List<Outcome> calls = List.of(read("a", 6_000, "QUEUE_UNAVAILABLE"), read("b", 15_500, Outcome.OK),
				read("c", 16_000, "TIMEOUT"), read("d", 18_000, Outcome.OK), read("e", 19_000, Outcome.OK));

		FaultRow row = FaultRow.of(PHASE, calls, Executions.of(Map.of()));

		assertThat(row.firstSuccessAfterMs()).isEqualTo(500);
		assertThat(row.recoveredAfterMs()).isEqualTo(3_000);
		assertThat(row.passed()).isTrue();
	}

	@Test
	void aPhaseThatEndsOnAFailureHasNotRecovered() {
		List<Outcome> calls = List.of(read("a", 16_000, Outcome.OK), read("b", 20_000, "TIMEOUT"));

		FaultRow row = FaultRow.of(PHASE, calls, Executions.of(Map.of()));

		assertThat(row.recoveredAfterMs()).isEqualTo(-1);
		assertThat(row.passed()).isFalse();
	}

	@Test
	void noFailureAfterTheFaultMeansRecoveredAtOnceAndFailuresOfTheBaselineDoNotCount() {
		List<Outcome> calls = List.of(read("a", 1_000, "TIMEOUT"), read("b", 6_000, Outcome.OK),
				read("c", 16_000, Outcome.OK));

		FaultRow row = FaultRow.of(PHASE, calls, Executions.of(Map.of()));

		assertThat(row.recoveredAfterMs()).isZero();
		assertThat(row.errors()).containsExactly(Map.entry("TIMEOUT", 1));
	}

	@Test
	void aWriteThatHomeSimRanTwiceFailsTheFaultAndReadsRunTwiceDoNot() {
		List<Outcome> calls = new ArrayList<>(List.of(write("w1", 6_000, Outcome.OK), write("w2", 7_000, "TIMEOUT"),
				write("w3", 8_000, Outcome.OK), read("r1", 9_000, Outcome.OK)));

		FaultRow row = FaultRow.of(PHASE, calls, Executions.of(Map.of("w1", 1, "w2", 2, "r1", 3)));

		assertThat(row.writes()).isEqualTo(3);
		assertThat(row.writesTwice()).isEqualTo(1);
		assertThat(row.okWritesNotLogged()).as("w3 succeeded but is not in the log").isEqualTo(1);
		assertThat(row.passed()).isFalse();
	}

	@Test
	void anAnswerWithoutADocumentedCodeFailsTheFault() {
		List<Outcome> calls = List.of(read("a", 6_000, "HTTP_500"), read("b", 16_000, Outcome.OK));

		FaultRow row = FaultRow.of(PHASE, calls, Executions.of(Map.of()));

		assertThat(row.undocumented()).isEqualTo(1);
		assertThat(row.passed()).isFalse();
		assertThat(FaultTable.markdown(List.of(row))).contains("FAIL: undocumented answers")
			.contains("`HTTP_500` × 1")
			.contains("| kafka-restart | 10.0 s | 2 | 1 |");
	}

	private static Outcome read(String id, long sentMs, String result) {
		return new Outcome(id, "get_entity_state", false, sentMs, sentMs + 10, status(result), result);
	}

	private static Outcome write(String id, long sentMs, String result) {
		return new Outcome(id, "call_service", true, sentMs, sentMs + 10, status(result), result);
	}

	private static int status(String result) {
		return Outcome.OK.equals(result) ? 200 : Outcome.NO_ANSWER.equals(result) ? 0 : 503;
	}

}
