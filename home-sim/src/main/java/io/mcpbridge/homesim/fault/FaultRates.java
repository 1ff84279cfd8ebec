package io.mcpbridge.homesim.fault;

import java.util.Map;

/**
 * How often a tool call misbehaves, each rate a probability in [0, 1]; the four rates add
 * up to at most 1 because one uniform draw per call picks at most one fault (see
 * {@link FaultInjector}).
 *
 * @param failRate share of calls answered with a JSON-RPC internal error (-32603) instead
 * of a result
 * @param slowRate share of calls that first wait {@code slowMs}, then run normally
 * @param slowMs how long a slow call waits
 * @param hangRate share of calls that never answer (the process keeps running)
 * @param crashRate share of calls that end the process (exit code
 * {@value FaultInjector#CRASH_EXIT_CODE})
 */
public record FaultRates(double failRate, double slowRate, long slowMs, double hangRate, double crashRate) {

	/** How long a slow call waits when {@code --slow-ms} is not given. */
	public static final long DEFAULT_SLOW_MS = 2000;

	/** No fault at all: the default. */
	public static final FaultRates NONE = new FaultRates(0, 0, DEFAULT_SLOW_MS, 0, 0);

	public FaultRates {
		rate("fail-rate", failRate);
		rate("slow-rate", slowRate);
		rate("hang-rate", hangRate);
		rate("crash-rate", crashRate);
		if (slowMs < 0) {
			throw new IllegalArgumentException("--slow-ms must be >= 0, got " + slowMs);
		}
		double total = failRate + slowRate + hangRate + crashRate;
		if (total > 1.0 + 1e-9) {
			throw new IllegalArgumentException(
					"--fail-rate, --slow-rate, --hang-rate and --crash-rate add up to " + total + "; at most 1");
		}
	}

	/**
	 * The rates given by {@code name -> value} pairs ({@code fail-rate},
	 * {@code slow-rate}, {@code slow-ms}, {@code hang-rate}, {@code crash-rate}), the
	 * others taken from {@code base}. Names it does not know are left to the caller.
	 * @throws IllegalArgumentException for a value that is not a number or out of range
	 */
	public static FaultRates of(Map<String, String> values, FaultRates base) {
		return new FaultRates(number(values, "fail-rate", base.failRate), number(values, "slow-rate", base.slowRate),
				(long) number(values, "slow-ms", base.slowMs), number(values, "hang-rate", base.hangRate),
				number(values, "crash-rate", base.crashRate));
	}

	/** The option names {@link #of} reads. */
	public static boolean isFaultOption(String name) {
		return switch (name) {
			case "fail-rate", "slow-rate", "slow-ms", "hang-rate", "crash-rate" -> true;
			default -> false;
		};
	}

	private static double number(Map<String, String> values, String name, double fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return Double.parseDouble(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
		}
	}

	private static void rate(String name, double value) {
		if (!(value >= 0 && value <= 1)) {
			throw new IllegalArgumentException("--" + name + " must be between 0 and 1, got " + value);
		}
	}

}
