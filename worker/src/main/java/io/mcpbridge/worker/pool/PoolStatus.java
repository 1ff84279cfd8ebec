package io.mcpbridge.worker.pool;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A snapshot of one upstream's pool, in simple types so that it serializes as is
 * (snake_case JSON). Every process is in exactly one of the states starting, idle, busy,
 * checking or unhealthy; {@code restarting} counts the processes the pool wants but has
 * not started yet because the start backoff is running.
 *
 * @param upstream the upstream's name
 * @param min configured minimum (kept with auto-scale)
 * @param target configured size without auto-scale
 * @param max configured maximum
 * @param autoScale whether the pool moves between min and max with demand
 * @param desired the size the pool currently aims for
 * @param live processes running and initialized: idle + busy + checking
 * @param starting processes being started (spawned, handshake not finished)
 * @param idle healthy processes running no call
 * @param busy processes running at least one call (up to {@code maxConcurrentPerProcess})
 * @param checking idle processes answering a health-check ping (no call gets them
 * meanwhile)
 * @param unhealthy processes that died or failed a health check and are being stopped
 * @param restarting processes wanted but not started yet, waiting for the start backoff
 * @param waitingCalls calls waiting for a process with room
 * @param restarts processes replaced since start-up because they died or failed a health
 * check
 * @param calls calls started since start-up
 * @param errors of those, how many failed (upstream error, crash, timeout)
 * @param meanCallMs moving mean of recent call durations
 * @param pids process ids of the live children
 * @param busyPids of those, the ones running a call
 * @param lastStartFailure why the last start attempt failed, null after a successful
 * start
 * @param consecutiveStartFailures start attempts failed in a row (the backoff doubles
 * with each)
 * @param maxConcurrentPerProcess the most calls one process runs at once
 * @param inFlight calls running on the processes now
 */
public record PoolStatus(@JsonProperty("upstream") String upstream, @JsonProperty("min") int min,
		@JsonProperty("target") int target, @JsonProperty("max") int max, @JsonProperty("auto_scale") boolean autoScale,
		@JsonProperty("desired") int desired, @JsonProperty("live") int live, @JsonProperty("starting") int starting,
		@JsonProperty("idle") int idle, @JsonProperty("busy") int busy, @JsonProperty("checking") int checking,
		@JsonProperty("unhealthy") int unhealthy, @JsonProperty("restarting") int restarting,
		@JsonProperty("waiting_calls") int waitingCalls, @JsonProperty("restarts") long restarts,
		@JsonProperty("calls") long calls, @JsonProperty("errors") long errors,
		@JsonProperty("mean_call_ms") double meanCallMs, @JsonProperty("pids") List<Long> pids,
		@JsonProperty("busy_pids") List<Long> busyPids, @JsonProperty("last_start_failure") String lastStartFailure,
		@JsonProperty("consecutive_start_failures") int consecutiveStartFailures,
		@JsonProperty("max_concurrent_per_process") int maxConcurrentPerProcess,
		@JsonProperty("in_flight") int inFlight) {

	public PoolStatus {
		pids = pids == null ? List.of() : List.copyOf(pids);
		busyPids = busyPids == null ? List.of() : List.copyOf(busyPids);
	}
}
