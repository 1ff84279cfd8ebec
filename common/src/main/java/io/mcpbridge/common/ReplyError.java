package io.mcpbridge.common;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * Why a request failed.
 *
 * @param code stable error code
 * @param message human-readable explanation, never a stack trace
 * @param upstreamCode the JSON-RPC error code the upstream answered with, if any
 * @param upstreamData the JSON-RPC error data the upstream answered with, if any
 */
public record ReplyError(@JsonProperty("code") ErrorCode code, @JsonProperty("message") String message,
		@JsonProperty("upstream_code") Integer upstreamCode, @JsonProperty("upstream_data") JsonNode upstreamData) {

	public ReplyError {
		Objects.requireNonNull(code, "code");
		message = message == null ? code.name() : message;
	}

	public static ReplyError of(ErrorCode code, String message) {
		return new ReplyError(code, message, null, null);
	}
}
