package io.mcpbridge.loadtests.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The fault suite (issue 13): a steady stream of reads and writes through both gateways
 * of a running fleet ({@code load-tests/fleet.sh start --call-log}) while, one after the
 * other, the upstream processes are killed, Redis is restarted, the Kafka broker is
 * stopped and started again, and one of the two workers is killed. For each fault: every
 * call must get an answer (a result or one of the documented error codes), no write may
 * run twice (home-sim's call log, by request id), and the fleet must recover; the table
 * says how long that took. Writes the table and every call's outcome under {@code --out};
 * exits 1 if a fault fails those checks.
 *
 * <p>
 * Run it with {@code load-tests/faults.sh [--name=value ...]}.
 */
public final class FaultSuite {

	/**
	 * Answers to calls sent this long before "now" are expected to be in: the recovery
	 * watch looks at calls sent before it.
	 */
	private static final Duration ANSWER_LAG = Duration.ofSeconds(3);

	private final FaultOptions options;

	private final Fleet fleet;

	private FaultSuite(FaultOptions options) {
		this.options = options;
		this.fleet = new Fleet(options.repo(), options.fleet());
	}

	public static void main(String[] args) throws Exception {
		FaultOptions options;
		try {
			options = FaultOptions.parse(args);
		}
		catch (IllegalArgumentException bad) {
			System.err.println(bad.getMessage());
			System.exit(2);
			return;
		}
		System.exit(new FaultSuite(options).run() ? 0 : 1);
	}

	private boolean run() throws IOException, InterruptedException {
		if (!Files.exists(this.fleet.callLog())) {
			System.err.println("no call log at " + this.fleet.callLog()
					+ ": the fleet must be started with load-tests/fleet.sh start --call-log");
			return false;
		}
		String loadAtStart = loadAverage();
		String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		System.out.printf("fault suite %s: %d calls/s (%d %% writes) through %s, faults %s, window %d s, load %s%n",
				runId, this.options.rate(), this.options.writesPercent(), this.fleet.gateways(),
				this.options.faults().stream().map(Fault::label).toList(), this.options.windowSeconds(), loadAtStart);
		List<FaultRow.Phase> phases = new ArrayList<>();
		List<Outcome> outcomes;
		int stillInFlight;
		try (SteadyClient client = new SteadyClient(this.fleet.gateways(), this.options.sessionsPerGateway(),
				new Traffic(runId, this.options.writesPercent(), runId.hashCode()), this.options.rate(),
				this.options.callTimeoutSeconds())) {
			client.start();
			for (Fault fault : this.options.faults()) {
				phases.add(phase(fault, client));
			}
			client.stopSending();
			// Every call has an HTTP timeout of its deadline plus a margin: after that
			// each one has ended one way or the other.
			client.awaitAnswers(Duration.ofSeconds(this.options.callTimeoutSeconds())
				.plus(SteadyClient.ANSWER_MARGIN)
				.plusSeconds(10));
			outcomes = client.outcomes();
			stillInFlight = client.inFlight();
		}
		Executions executions = Executions.read(this.fleet.callLog());
		List<FaultRow> rows = phases.stream().map(phase -> FaultRow.of(phase, outcomes, executions)).toList();
		String report = report(rows, loadAtStart, loadAverage(), stillInFlight, executions);
		Files.createDirectories(this.options.out());
		Files.writeString(this.options.out().resolve("faults.md"), report);
		writeOutcomes(outcomes);
		System.out.println();
		System.out.println(report);
		System.out.println("table: " + this.options.out().resolve("faults.md") + ", every call: "
				+ this.options.out().resolve("outcomes.tsv"));
		return stillInFlight == 0 && rows.stream().allMatch(FaultRow::passed);
	}

	private FaultRow.Phase phase(Fault fault, SteadyClient client) throws IOException, InterruptedException {
		long start = System.currentTimeMillis();
		TimeUnit.SECONDS.sleep(this.options.baselineSeconds());
		System.out.printf("== %s: %s%n", fault.label(), fault.action());
		long injected = System.currentTimeMillis();
		switch (fault) {
			case UPSTREAM_KILL -> {
				int killed = 0;
				for (ProcessHandle worker : this.fleet.processes("worker-")) {
					for (ProcessHandle upstream : this.fleet.upstreamsOf(worker)) {
						this.fleet.kill(upstream);
						killed++;
					}
				}
				System.out.println("  killed " + killed + " home-sim processes");
			}
			case REDIS_RESTART -> restart("redis", Duration.ofSeconds(10));
			case KAFKA_RESTART -> restart("kafka", Duration.ofSeconds(30));
			case WORKER_KILL -> this.fleet.kill(this.fleet.require("worker-1"));
		}
		long ended = System.currentTimeMillis();
		awaitRecovery(client, ended, fault.staysDown() ? 0 : this.options.windowSeconds());
		return new FaultRow.Phase(fault, start, injected, ended, System.currentTimeMillis());
	}

	/** Stops the process, keeps it down for the window, starts it again. */
	private void restart(String name, Duration grace) throws IOException, InterruptedException {
		this.fleet.stop(this.fleet.require(name), grace);
		System.out.println("  " + name + " stopped; down for " + this.options.windowSeconds() + " s");
		TimeUnit.SECONDS.sleep(this.options.windowSeconds());
		this.fleet.relaunch(name);
		System.out.println("  " + name + " started again");
	}

	/**
	 * Watches at least {@code minWatchSeconds} after the end of the fault, then until
	 * every call sent during the last {@code --steady} seconds (answers allowed
	 * {@link #ANSWER_LAG}) succeeded, at most {@code --max-recovery} seconds.
	 */
	private void awaitRecovery(SteadyClient client, long ended, int minWatchSeconds) throws InterruptedException {
		long steadyMs = this.options.steadySeconds() * 1000L;
		int expected = Math.max(1, this.options.rate() * this.options.steadySeconds() * 8 / 10);
		while (true) {
			long now = System.currentTimeMillis();
			long to = now - ANSWER_LAG.toMillis();
			long from = to - steadyMs;
			if (now - ended >= minWatchSeconds * 1000L && from >= ended) {
				List<Outcome> recent = client.outcomes()
					.stream()
					.filter(outcome -> outcome.sentMs() >= from && outcome.sentMs() < to)
					.toList();
				if (recent.size() >= expected && recent.stream().allMatch(Outcome::ok)) {
					System.out.printf("  steady again %.1f s after the fault%n", (from - ended) / 1000.0);
					return;
				}
			}
			if (now - ended > this.options.maxRecoverySeconds() * 1000L) {
				System.out.println("  not recovered within " + this.options.maxRecoverySeconds() + " s");
				return;
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
	}

	private String report(List<FaultRow> rows, String loadAtStart, String loadAtEnd, int stillInFlight,
			Executions executions) {
		StringBuilder report = new StringBuilder();
		report.append("Fault suite, ")
			.append(Instant.now())
			.append(": ")
			.append(this.options.rate())
			.append(" calls/s (")
			.append(this.options.writesPercent())
			.append(" % writes, X-Timeout ")
			.append(this.options.callTimeoutSeconds())
			.append(" s) through ")
			.append(gatewayCount())
			.append(" gateways, window ")
			.append(this.options.windowSeconds())
			.append(" s, ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, load average at start ")
			.append(loadAtStart)
			.append(", at end ")
			.append(loadAtEnd)
			.append(".\n\n");
		report.append(FaultTable.markdown(rows));
		for (FaultRow row : rows) {
			if (row.okWritesNotLogged() > 0) {
				report.append("\n")
					.append(row.fault().label())
					.append(": ")
					.append(row.okWritesNotLogged())
					.append(" write(s) answered with a result are not in home-sim's call log.");
			}
		}
		if (executions.unreadableLines() > 0) {
			report.append("\n").append(executions.unreadableLines()).append(" torn line(s) in the call log.");
		}
		if (stillInFlight > 0) {
			report.append("\nFAIL: ").append(stillInFlight).append(" call(s) still without an answer at the end.");
		}
		return report.append('\n').toString();
	}

	private int gatewayCount() {
		try {
			return this.fleet.gateways().size();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private void writeOutcomes(List<Outcome> outcomes) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add(Outcome.tsvHeader());
		outcomes.stream()
			.sorted(Comparator.comparingLong(Outcome::sentMs))
			.forEach(outcome -> lines.add(outcome.tsv()));
		Files.write(this.options.out().resolve("outcomes.tsv"), lines);
	}

	/** The 1, 5 and 15 minute load averages: every figure depends on them. */
	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
