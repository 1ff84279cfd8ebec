package io.mcpbridge.gateway.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The state of one dependency, in the seed's shape.
 *
 * @param status {@code ok} or {@code down}
 * @param responseTimeMs how long the probe took
 * @param error why it is down
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DependencyCheck(@JsonProperty("status") String status, @JsonProperty("response_time_ms") long responseTimeMs,
		@JsonProperty("error") String error) {

	boolean isUp() {
		return "ok".equals(status);
	}

	/** Runs a probe and times it; any exception means down. */
	static DependencyCheck probe(Probe probe) {
		long start = System.nanoTime();
		try {
			probe.run();
			return new DependencyCheck("ok", elapsedMs(start), null);
		}
		catch (Exception failure) {
			return new DependencyCheck("down", elapsedMs(start), failure.getClass().getSimpleName());
		}
	}

	private static long elapsedMs(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	@FunctionalInterface
	interface Probe {

		void run() throws Exception;

	}
}
