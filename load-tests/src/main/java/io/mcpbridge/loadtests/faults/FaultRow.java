package io.mcpbridge.loadtests.faults;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fault's line of the table, from the calls sent during its phase (from the start of
 * its baseline to the end of its recovery watch).
 *
 * @param fault the fault
 * @param downMs how long the process was down (0 for a kill the fleet heals itself)
 * @param calls calls sent
 * @param ok calls answered with the upstream's result
 * @param errors the other answers, by code (tool errors included), sorted by code
 * @param lost calls that got no answer
 * @param undocumented answers that are neither a result nor a documented code
 * @param writes write calls sent
 * @param writesTwice writes that home-sim ran more than once
 * @param okWritesNotLogged writes answered with a result that home-sim's log does not
 * show (the log is written after the call ran: a process killed in between)
 * @param firstSuccessAfterMs from the end of the fault to the first success sent after
 * it, or -1 if none
 * @param recoveredAfterMs from the end of the fault to the first call of the unbroken run
 * of successes that ends the phase (0 when no call failed after the end), or -1 if the
 * phase ended on a failure
 */
record FaultRow(Fault fault, long downMs, int calls, int ok, Map<String, Integer> errors, int lost, int undocumented,
		int writes, int writesTwice, int okWritesNotLogged, long firstSuccessAfterMs, long recoveredAfterMs) {

	/** The times of a fault's phase (epoch ms). */
	record Phase(Fault fault, long startMs, long injectedMs, long endedMs, long finishedMs) {

		boolean contains(Outcome outcome) {
			return outcome.sentMs() >= this.startMs && outcome.sentMs() < this.finishedMs;
		}

	}

	static FaultRow of(Phase phase, List<Outcome> all, Executions executions) {
		List<Outcome> calls = all.stream()
			.filter(phase::contains)
			.sorted(Comparator.comparingLong(Outcome::sentMs))
			.toList();
		Map<String, Integer> errors = new TreeMap<>();
		int ok = 0;
		int lost = 0;
		int undocumented = 0;
		int writes = 0;
		int writesTwice = 0;
		int okWritesNotLogged = 0;
		for (Outcome call : calls) {
			if (call.ok()) {
				ok++;
			}
			else if (call.lost()) {
				lost++;
			}
			else {
				errors.merge(call.result(), 1, Integer::sum);
			}
			if (call.undocumented()) {
				undocumented++;
			}
			if (call.write()) {
				writes++;
				int ran = executions.of(call.requestId());
				if (ran > 1) {
					writesTwice++;
				}
				if (ran == 0 && call.ok()) {
					okWritesNotLogged++;
				}
			}
		}
		return new FaultRow(phase.fault(), phase.endedMs() - phase.injectedMs(), calls.size(), ok, errors, lost,
				undocumented, writes, writesTwice, okWritesNotLogged, firstSuccessAfter(phase, calls),
				recoveredAfter(phase, calls));
	}

	private static long firstSuccessAfter(Phase phase, List<Outcome> calls) {
		return calls.stream()
			.filter(call -> call.ok() && call.sentMs() >= phase.endedMs())
			.mapToLong(call -> call.sentMs() - phase.endedMs())
			.findFirst()
			.orElse(-1);
	}

	private static long recoveredAfter(Phase phase, List<Outcome> calls) {
		Outcome lastFailure = null;
		for (Outcome call : calls) {
			if (!call.ok() && call.sentMs() >= phase.injectedMs()) {
				lastFailure = call;
			}
		}
		if (lastFailure == null) {
			return 0;
		}
		long after = lastFailure.sentMs();
		return calls.stream()
			.filter(call -> call.ok() && call.sentMs() > after)
			.mapToLong(call -> Math.max(0, call.sentMs() - phase.endedMs()))
			.findFirst()
			.orElse(-1);
	}

	/** No call lost, no undocumented answer, no write run twice, recovered. */
	boolean passed() {
		return this.lost == 0 && this.undocumented == 0 && this.writesTwice == 0 && this.recoveredAfterMs >= 0;
	}

}
