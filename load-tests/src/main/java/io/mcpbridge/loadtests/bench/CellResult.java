package io.mcpbridge.loadtests.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measured cell (a target at a concurrency, possibly summed over interleaved
 * rounds) gives.
 *
 * @param latenciesNanos every successful call's latency, sorted
 */
record CellResult(String target, int clients, long[] latenciesNanos, long errors, double seconds, double cpuSeconds,
		long peakRssBytes, String firstError) {

	long calls() {
		return latenciesNanos.length;
	}

	double callsPerSecond() {
		return seconds == 0 ? 0 : calls() / seconds;
	}

	double percentileMillis(double percentile) {
		if (latenciesNanos.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100.0 * latenciesNanos.length) - 1;
		return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
	}

	/**
	 * CPU seconds of the target's processes per successful call (the harness's own CPU is
	 * not counted).
	 */
	double cpuMillisPerCall() {
		return calls() == 0 ? Double.NaN : cpuSeconds * 1000 / calls();
	}

	/** Adds another round of the same cell. */
	CellResult plus(CellResult other) {
		long[] merged = Arrays.copyOf(latenciesNanos, latenciesNanos.length + other.latenciesNanos.length);
		System.arraycopy(other.latenciesNanos, 0, merged, latenciesNanos.length, other.latenciesNanos.length);
		Arrays.sort(merged);
		return new CellResult(target, clients, merged, errors + other.errors, seconds + other.seconds,
				cpuSeconds + other.cpuSeconds, Math.max(peakRssBytes, other.peakRssBytes),
				firstError != null ? firstError : other.firstError);
	}

	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("target", target);
		json.put("clients", clients);
		json.put("calls", calls());
		json.put("errors", errors);
		json.put("seconds", round(seconds, 2));
		json.put("calls_per_second", round(callsPerSecond(), 1));
		json.put("p50_ms", round(percentileMillis(50), 3));
		json.put("p99_ms", round(percentileMillis(99), 3));
		json.put("cpu_seconds", round(cpuSeconds, 2));
		json.put("cpu_ms_per_call", round(cpuMillisPerCall(), 4));
		json.put("peak_rss_mb", round(peakRssBytes / 1048576.0, 1));
		if (firstError != null) {
			json.put("first_error", firstError);
		}
		return json;
	}

	static Double round(double value, int decimals) {
		if (Double.isNaN(value)) {
			return null;
		}
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}
}
