package io.mcpbridge.loadtests.faults;

import java.nio.file.Path;
import java.util.List;

/**
 * The suite's options, each {@code --name=value}.
 *
 * @param repo the repository (where {@code load-tests/fleet.sh} is)
 * @param fleet the running fleet's directory
 * ({@code fleet.sh start --dir=... --call-log})
 * @param out where the table and every call's outcome are written
 * @param rate calls per second, sent at a fixed rate whatever the answers
 * @param writesPercent share of the calls that are writes ({@code call_service})
 * @param sessionsPerGateway REST sessions the calls rotate over, on each gateway
 * @param callTimeoutSeconds {@code X-Timeout} of every call: the bridge answers within it
 * @param baselineSeconds steady traffic before each fault
 * @param windowSeconds how long a stopped process stays down; after a kill, how long the
 * suite watches before it looks for recovery
 * @param steadySeconds recovered: every call sent during this long (after the fault)
 * succeeded
 * @param maxRecoverySeconds the suite gives up waiting for recovery after this long
 * @param faults which faults, in this order
 */
record FaultOptions(Path repo, Path fleet, Path out, int rate, int writesPercent, int sessionsPerGateway,
		int callTimeoutSeconds, int baselineSeconds, int windowSeconds, int steadySeconds, int maxRecoverySeconds,
		List<Fault> faults) {

	static final String USAGE = """
			usage: FaultSuite --fleet=DIR [--repo=.] [--out=load-tests/target/faults] [--rate=20] [--writes=30]
			  [--sessions=4] [--call-timeout=10] [--baseline=5] [--window=10] [--steady=5] [--max-recovery=90]
			  [--faults=%s]""".formatted(Fault.labels());

	/**
	 * @throws IllegalArgumentException for an unknown option or a value out of range
	 */
	static FaultOptions parse(String... args) {
		Path repo = Path.of(".");
		Path fleet = null;
		Path out = null;
		int rate = 20;
		int writes = 30;
		int sessions = 4;
		int callTimeout = 10;
		int baseline = 5;
		int window = 10;
		int steady = 5;
		int maxRecovery = 90;
		List<Fault> faults = List.of(Fault.values());
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (!arg.startsWith("--") || eq < 0) {
				throw new IllegalArgumentException("expected --name=value, got '" + arg + "'\n" + USAGE);
			}
			String name = arg.substring(2, eq);
			String value = arg.substring(eq + 1);
			switch (name) {
				case "repo" -> repo = Path.of(value);
				case "fleet" -> fleet = Path.of(value);
				case "out" -> out = Path.of(value);
				case "rate" -> rate = number(name, value, 1, 500);
				case "writes" -> writes = number(name, value, 0, 100);
				case "sessions" -> sessions = number(name, value, 1, 64);
				case "call-timeout" -> callTimeout = number(name, value, 1, 300);
				case "baseline" -> baseline = number(name, value, 0, 3600);
				case "window" -> window = number(name, value, 1, 3600);
				case "steady" -> steady = number(name, value, 1, 600);
				case "max-recovery" -> maxRecovery = number(name, value, 1, 3600);
				case "faults" -> faults = Fault.parseList(value);
				default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
			}
		}
		if (fleet == null) {
			throw new IllegalArgumentException("--fleet=DIR is required (a fleet started with --call-log)\n" + USAGE);
		}
		if (out == null) {
			out = repo.resolve("load-tests/target/faults");
		}
		return new FaultOptions(repo, fleet, out, rate, writes, sessions, callTimeout, baseline, window, steady,
				maxRecovery, faults);
	}

	private static int number(String name, String value, int min, int max) {
		int parsed;
		try {
			parsed = Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
		}
		if (parsed < min || parsed > max) {
			throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", got " + parsed);
		}
		return parsed;
	}

}
