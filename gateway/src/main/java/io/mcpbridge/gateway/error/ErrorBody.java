package io.mcpbridge.gateway.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mcpbridge.common.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * The JSON body of every error response: {@code {"error": {"code": ..., "message":
 * ...}}}.
 */
public record ErrorBody(@JsonProperty("error") Detail error) {

	/**
	 * @param code stable, documented code
	 * @param message explanation for humans
	 * @param requestId the request concerned, when one was accepted
	 * @param upstreamCode the upstream's JSON-RPC error code, when the upstream refused
	 * @param upstreamData the upstream's JSON-RPC error data, when it sent some
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Detail(@JsonProperty("code") ErrorCode code, @JsonProperty("message") String message,
			@JsonProperty("request_id") String requestId, @JsonProperty("upstream_code") Integer upstreamCode,
			@JsonProperty("upstream_data") JsonNode upstreamData) {
	}

	static ErrorBody of(BridgeException failure) {
		return new ErrorBody(new Detail(failure.code(), failure.getMessage(), failure.requestId(),
				failure.upstreamCode(), failure.upstreamData()));
	}

	static ErrorBody of(ErrorCode code, String message) {
		return new ErrorBody(new Detail(code, message, null, null, null));
	}
}
