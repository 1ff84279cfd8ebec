package io.mcpbridge.gateway.upstream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mcpbridge.common.WorkerReport;
import tools.jackson.databind.JsonNode;

/**
 * Reads the circuit breakers out of the workers' reports
 * ({@link WorkerReport#CIRCUIT_BREAKER} in each upstream's entry). Pure functions of the
 * reports and the time.
 */
public final class OpenCircuits {

	static final String OPEN = "OPEN";

	private OpenCircuits() {
	}

	/**
	 * How long the upstream's breakers stay open when every live worker that serves it
	 * reports it open; empty when one of them would run a call (closed, half-open, no
	 * breaker, open time over) or none serves it.
	 * @return the smallest time left over those workers
	 */
	public static Optional<Duration> openEverywhere(List<WorkerReport> live, String upstream, long nowEpochMs) {
		long smallest = Long.MAX_VALUE;
		for (WorkerReport report : live) {
			JsonNode pool = report.upstreams().get(upstream);
			if (pool == null) {
				continue;
			}
			long left = timeLeftMs(report, pool.path(WorkerReport.CIRCUIT_BREAKER), nowEpochMs);
			if (left <= 0) {
				return Optional.empty();
			}
			smallest = Math.min(smallest, left);
		}
		return smallest == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofMillis(smallest));
	}

	/**
	 * The time an open breaker stays open as of now (its report says as of its writing);
	 * 0 for any other state.
	 */
	static long timeLeftMs(WorkerReport report, JsonNode breaker, long nowEpochMs) {
		if (!OPEN.equals(breaker.path("state").asString(null))) {
			return 0;
		}
		return report.reportedEpochMs() + breaker.path("retry_after_ms").asLong(0) - nowEpochMs;
	}

	/**
	 * Per upstream, its breaker in each live worker ({@code state},
	 * {@code retry_after_ms} as of now, and the window's counts), plus
	 * {@code open_everywhere}.
	 */
	public static Map<String, Map<String, JsonNode>> byUpstream(List<WorkerReport> live) {
		Map<String, Map<String, JsonNode>> byUpstream = new LinkedHashMap<>();
		for (WorkerReport report : live) {
			report.upstreams().forEach((upstream, pool) -> {
				JsonNode breaker = pool.get(WorkerReport.CIRCUIT_BREAKER);
				if (breaker != null) {
					byUpstream.computeIfAbsent(upstream, name -> new LinkedHashMap<>()).put(report.workerId(), breaker);
				}
			});
		}
		return byUpstream;
	}

}
