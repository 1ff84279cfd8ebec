package io.mcpbridge.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * What one worker tells the rest of the bridge about itself, rewritten every few seconds
 * under {@link RedisKeys#workerReport(Namespace, String)} with a TTL of a few intervals:
 * a worker that dies without saying goodbye disappears when its last report expires.
 * Small by construction: one entry per configured upstream and one count per priority.
 *
 * @param workerId the worker's id
 * @param startedEpochMs when the worker started
 * @param reportedEpochMs when this report was written
 * @param ttlMs how long this report stays valid without a newer one
 * @param upstreams the worker's upstreams in configuration order, each with its pool's
 * status as the pool reports it (a JSON object; its fields grow with the pool, readers
 * take what they know), plus {@value #CIRCUIT_BREAKER} when the upstream has a breaker:
 * {@code state} (CLOSED, OPEN, HALF_OPEN) and {@code retry_after_ms} (while OPEN, the
 * time it stays open as of {@code reportedEpochMs})
 * @param bufferedByPriority requests polled from Kafka and waiting in the worker, by
 * priority name
 */
public record WorkerReport(@JsonProperty("worker_id") String workerId, @JsonProperty("started_ms") long startedEpochMs,
		@JsonProperty("reported_ms") long reportedEpochMs, @JsonProperty("ttl_ms") long ttlMs,
		@JsonProperty("upstreams") Map<String, JsonNode> upstreams,
		@JsonProperty("buffered") Map<String, Integer> bufferedByPriority) {

	/** The entry of an upstream that holds its circuit breaker's state. */
	public static final String CIRCUIT_BREAKER = "circuit_breaker";

	public WorkerReport {
		Identifiers.requireId("worker id", workerId);
		// Insertion order is kept: configuration order of the upstreams, priority order
		// of the counts.
		upstreams = upstreams == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
		bufferedByPriority = bufferedByPriority == null ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(bufferedByPriority));
	}

	/** The names of the upstreams this worker serves, in its configuration order. */
	public List<String> upstreamNames() {
		return List.copyOf(upstreams.keySet());
	}
}
