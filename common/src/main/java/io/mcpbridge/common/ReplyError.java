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
 * @param retryAfterMs when the client may try again, for a refusal that knows it (an open
 * circuit breaker's time left); null otherwise
 */
public record ReplyError(@JsonProperty("code") ErrorCode code, @JsonProperty("message") String message,
		@JsonProperty("upstream_code") Integer upstreamCode, @JsonProperty("upstream_data") JsonNode upstreamData,
		@JsonProperty("retry_after_ms") Long retryAfterMs) {

	public ReplyError {
		Objects.requireNonNull(code, "code");
		message = message == null ? code.name() : message;
		if (retryAfterMs != null && retryAfterMs < 0) {
			throw new IllegalArgumentException("retry_after_ms must not be negative");
		}
	}

	/** An error without a time to retry after. */
	public ReplyError(ErrorCode code, String message, Integer upstreamCode, JsonNode upstreamData) {
		this(code, message, upstreamCode, upstreamData, null);
	}

	/** A refusal that says when to try again. */
	public static ReplyError retryAfter(ErrorCode code, String message, long retryAfterMs) {
		return new ReplyError(code, message, null, null, retryAfterMs);
	}

	public static ReplyError of(ErrorCode code, String message) {
		return new ReplyError(code, message, null, null);
	}
}
