package io.mcpbridge.homesim;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.mcpbridge.homesim.fault.FaultRates;

/**
 * Command-line options, each {@code --name=value}.
 *
 * @param latencyMs milliseconds every tool call sleeps first, to simulate a slow home
 * (default 0)
 * @param seed seed of the deterministic sensor values (default 42)
 * @param callLog file that gets one JSON line per tools/call, or null for none
 * @param stateFile journal shared by every home-sim given the same path (one home for all
 * of them), or null for a home of this process alone
 * @param faults injected faults of tool calls ({@code --fail-rate}, {@code --slow-rate},
 * {@code --slow-ms}, {@code --hang-rate}, {@code --crash-rate}), drawn from a generator
 * seeded with {@code seed}
 * @param faultsFile file whose {@code name=value} lines replace those rates while the
 * process runs, or null
 */
record Options(long latencyMs, long seed, Path callLog, Path stateFile, FaultRates faults, Path faultsFile) {

	static final String USAGE = "usage: HomeSimServer [--latency-ms=N] [--seed=N] [--call-log=PATH] [--state-file=PATH]"
			+ " [--fail-rate=R] [--slow-rate=R] [--slow-ms=N] [--hang-rate=R] [--crash-rate=R] [--faults-file=PATH]";

	/** No injected fault. */
	Options(long latencyMs, long seed, Path callLog, Path stateFile) {
		this(latencyMs, seed, callLog, stateFile, FaultRates.NONE, null);
	}

	static final long DEFAULT_SEED = 42;

	Options {
		if (latencyMs < 0) {
			throw new IllegalArgumentException("--latency-ms must be >= 0, got " + latencyMs);
		}
	}

	/**
	 * @throws IllegalArgumentException for an unknown option or a bad value: fail fast
	 * rather than run misconfigured
	 */
	static Options parse(String... args) {
		long latencyMs = 0;
		long seed = DEFAULT_SEED;
		Path callLog = null;
		Path stateFile = null;
		Path faultsFile = null;
		Map<String, String> faults = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (!arg.startsWith("--") || eq < 0) {
				throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
			}
			String name = arg.substring(2, eq);
			String value = arg.substring(eq + 1);
			switch (name) {
				case "latency-ms" -> latencyMs = number(name, value);
				case "seed" -> seed = number(name, value);
				case "call-log" -> callLog = path(name, value);
				case "state-file" -> stateFile = path(name, value);
				case "faults-file" -> faultsFile = path(name, value);
				case "fail-rate", "slow-rate", "slow-ms", "hang-rate", "crash-rate" -> faults.put(name, value);
				default -> throw new IllegalArgumentException("unknown option --" + name);
			}
		}
		return new Options(latencyMs, seed, callLog, stateFile, FaultRates.of(faults, FaultRates.NONE), faultsFile);
	}

	private static long number(String name, String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
		}
	}

	private static Path path(String name, String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException("--" + name + " needs a path");
		}
		return Path.of(value);
	}

}
