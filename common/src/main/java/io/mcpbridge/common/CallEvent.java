package io.mcpbridge.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * One message an upstream sent during a request, relayed to the request's client: a
 * notification (progress, log message) or a request to the client (sampling, elicitation,
 * roots), as the JSON-RPC message the client receives. Appended to the request's event
 * list, then published to the waiting gateway.
 *
 * @param requestId the bridge's request the event belongs to
 * @param tenant its tenant
 * @param sequence position in the request's event list, from 1: with the request id, the
 * SSE event id
 * @param message the JSON-RPC message for the client
 */
public record CallEvent(@JsonProperty("request_id") String requestId, @JsonProperty("tenant") String tenant,
		@JsonProperty("seq") long sequence, @JsonProperty("message") JsonNode message) {

	/**
	 * The one field of an event that is not a message for the client: a 2026-07-28
	 * request's upstream asked the client something (the field's value: the method) that
	 * the client did not declare it can answer. The gateway keeps it to itself.
	 */
	public static final String REFUSED_REQUEST = "io.mcpbridge/refusedRequest";

	public CallEvent {
		Identifiers.requireId("request id", requestId);
		Identifiers.requireName("tenant", tenant);
	}
}
