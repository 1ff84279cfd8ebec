package io.mcpbridge.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A client cancelled a request ({@code notifications/cancelled}, or a disconnect in the
 * stateless protocol): broadcast to every worker; the one running it stops the upstream
 * call.
 */
public record Cancellation(@JsonProperty("tenant") String tenant, @JsonProperty("request_id") String requestId,
		@JsonProperty("reason") String reason) {

	public Cancellation {
		Identifiers.requireName("tenant", tenant);
		Identifiers.requireId("request id", requestId);
	}
}
