package io.mcpbridge.gateway.idempotency;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mcpbridge.common.ReplyEnvelope;

/**
 * What Redis remembers about a request id, under {@code RedisKeys.dedup(tenant, id)}, for
 * the idempotency TTL. Written by the gateway that accepted the request first (SET NX);
 * the reply is added when a gateway sees it, so it outlives the workers' result key.
 *
 * @param fingerprint {@link RequestFingerprint} of the first request
 * @param deadlineEpochMs the first request's deadline
 * @param gateway the gateway that accepted the first request (for diagnosis)
 * @param reply the first reply, once known; null while in flight
 */
public record IdempotencyRecord(@JsonProperty("fingerprint") String fingerprint,
		@JsonProperty("deadline_ms") long deadlineEpochMs, @JsonProperty("gateway") String gateway,
		@JsonProperty("reply") ReplyEnvelope reply) {

	public IdempotencyRecord {
		Objects.requireNonNull(fingerprint, "fingerprint");
	}

	public IdempotencyRecord withReply(ReplyEnvelope first) {
		return new IdempotencyRecord(fingerprint, deadlineEpochMs, gateway, first);
	}

	public boolean matches(String otherFingerprint) {
		return fingerprint.equals(otherFingerprint);
	}
}
