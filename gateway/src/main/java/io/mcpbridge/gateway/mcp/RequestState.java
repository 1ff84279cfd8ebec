package io.mcpbridge.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * What a 2026-07-28 {@code requestState} stands for: the bridge's request that still runs
 * (its upstream waits for the client's input), the client request it answers (a retry
 * must be the same), how far its event list was handled, and the input requests the
 * client was asked, by key.
 *
 * @param requestId the bridge's request
 * @param method the client's method
 * @param target what the method names ({@code params.name} or {@code params.uri}), may be
 * null
 * @param position the event list position handled so far
 * @param deadlineEpochMs the request's deadline; the upstream waits for input until then
 * @param inputs the input requests of the last round, by the key the client answers them
 * under
 */
record RequestState(@JsonProperty("request_id") String requestId, @JsonProperty("method") String method,
		@JsonProperty("target") String target, @JsonProperty("position") long position,
		@JsonProperty("deadline") long deadlineEpochMs, @JsonProperty("inputs") Map<String, Input> inputs) {

	RequestState {
		inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
	}

	/**
	 * One request of the upstream that waits for the client's answer.
	 *
	 * @param inputId the unguessable id the worker gave it (the answer is forwarded under
	 * it)
	 * @param request {@code method} and {@code params}, as the client sees it in
	 * {@code inputRequests}
	 */
	record Input(@JsonProperty("input_id") String inputId, @JsonProperty("request") JsonNode request) {
	}
}
