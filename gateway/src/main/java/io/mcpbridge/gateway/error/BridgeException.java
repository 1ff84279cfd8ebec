package io.mcpbridge.gateway.error;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyError;
import tools.jackson.databind.JsonNode;

/**
 * An expected failure with a stable code: it becomes a JSON error body with the code's
 * HTTP status, never a stack trace.
 */
public class BridgeException extends RuntimeException {

	private final ErrorCode code;

	private final String requestId;

	private final Integer upstreamCode;

	private final transient JsonNode upstreamData;

	private final Map<String, String> headers = new LinkedHashMap<>();

	public BridgeException(ErrorCode code, String message) {
		this(code, message, null, null, null);
	}

	public BridgeException(ErrorCode code, String message, String requestId) {
		this(code, message, requestId, null, null);
	}

	private BridgeException(ErrorCode code, String message, String requestId, Integer upstreamCode,
			JsonNode upstreamData) {
		super(message, null, false, false);
		this.code = code;
		this.requestId = requestId;
		this.upstreamCode = upstreamCode;
		this.upstreamData = upstreamData;
	}

	/**
	 * Adds a response header of this refusal alone, e.g. the {@code Retry-After} a rate
	 * limiter or an open breaker computed, or {@code RateLimit}; it wins over the
	 * mapping's default for the same name.
	 * @return this exception, for chaining at the throw site
	 */
	public BridgeException withHeader(String name, String value) {
		headers.put(name, value);
		return this;
	}

	/** The headers added by {@link #withHeader}, in the order they were added. */
	public Map<String, String> headers() {
		return Map.copyOf(headers);
	}

	/**
	 * The failure a worker reported for a request; its time to retry after (an open
	 * breaker's time left) becomes this refusal's {@code Retry-After}.
	 */
	public static BridgeException fromReply(ReplyError error, String requestId) {
		BridgeException failure = new BridgeException(error.code(), error.message(), requestId, error.upstreamCode(),
				error.upstreamData());
		if (error.retryAfterMs() != null) {
			failure.withHeader("Retry-After", Long.toString(ErrorMapping.retryAfterSeconds(error.retryAfterMs())));
		}
		return failure;
	}

	public ErrorCode code() {
		return code;
	}

	public String requestId() {
		return requestId;
	}

	public Integer upstreamCode() {
		return upstreamCode;
	}

	public JsonNode upstreamData() {
		return upstreamData;
	}

}
