package io.mcpbridge.common;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A worker's answer to one request: a result or an error, never both. Stored under the
 * request's result key and published on the waiting gateway's reply channel.
 *
 * @param requestId the request answered
 * @param tenant the request's tenant
 * @param result the MCP result object on success
 * @param error why it failed
 * @param worker id of the worker that answered
 * @param completedEpochMs when the worker finished
 * @param cached whether the worker served it from its own cache
 * @param cacheExpiresEpochMs when that cache entry expires, if cached
 */
public record ReplyEnvelope(@JsonProperty("request_id") String requestId, @JsonProperty("tenant") String tenant,
		@JsonProperty("result") JsonNode result, @JsonProperty("error") ReplyError error,
		@JsonProperty("worker") String worker, @JsonProperty("completed_ms") long completedEpochMs,
		@JsonProperty("cached") boolean cached, @JsonProperty("cache_expires_ms") Long cacheExpiresEpochMs) {

	public ReplyEnvelope {
		Identifiers.requireId("request id", requestId);
		Identifiers.requireName("tenant", tenant);
		if ((result == null) == (error == null)) {
			throw new IllegalArgumentException("a reply holds exactly one of result and error");
		}
	}

	public static ReplyEnvelope success(RequestEnvelope request, JsonNode result, String worker) {
		return new ReplyEnvelope(request.requestId(), request.tenant(), Objects.requireNonNull(result, "result"), null,
				worker, System.currentTimeMillis(), false, null);
	}

	public static ReplyEnvelope cachedSuccess(RequestEnvelope request, JsonNode result, String worker,
			long cacheExpiresEpochMs) {
		return new ReplyEnvelope(request.requestId(), request.tenant(), Objects.requireNonNull(result, "result"), null,
				worker, System.currentTimeMillis(), true, cacheExpiresEpochMs);
	}

	public static ReplyEnvelope failure(RequestEnvelope request, ReplyError error, String worker) {
		return new ReplyEnvelope(request.requestId(), request.tenant(), null, Objects.requireNonNull(error, "error"),
				worker, System.currentTimeMillis(), false, null);
	}

	@JsonIgnore
	public boolean isSuccess() {
		return error == null;
	}
}
