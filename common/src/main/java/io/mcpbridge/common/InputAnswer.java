package io.mcpbridge.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A client's answer to a request its upstream sent (sampling, elicitation, roots), on its
 * way from the gateway that received it to the worker whose upstream process waits for
 * it.
 *
 * @param tenant the tenant of the request
 * @param inputId the id the bridge gave the upstream's request on the client's stream
 * @param result the client's result, or null
 * @param error the client's JSON-RPC error object, or null
 */
public record InputAnswer(@JsonProperty("tenant") String tenant, @JsonProperty("input_id") String inputId,
		@JsonProperty("result") JsonNode result, @JsonProperty("error") JsonNode error) {

	public InputAnswer {
		Identifiers.requireName("tenant", tenant);
		Identifiers.requireId("input id", inputId);
	}
}
