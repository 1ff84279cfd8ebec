package io.mcpbridge.gateway.idempotency;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;

/**
 * The outcome of claiming a request id: this request is the first with the id, or a
 * repeat of an earlier one (whose record is given). A different request under a known id
 * is a conflict.
 */
public sealed interface Claim {

	/** This request is the first with its id: it must be executed. */
	record First() implements Claim {
	}

	/** An earlier request holds the id: execute nothing, answer with its result. */
	record Repeat(IdempotencyRecord first) implements Claim {
	}

	/**
	 * Decides between first and repeat given what the SET NX found, or fails with
	 * IDEMPOTENCY_CONFLICT when the earlier request differs.
	 * @param existing the record already stored, or null when this request's record was
	 * written
	 */
	public static Claim decide(IdempotencyRecord existing, String fingerprint, String requestId) {
		if (existing == null) {
			return new First();
		}
		if (!existing.matches(fingerprint)) {
			throw new BridgeException(ErrorCode.IDEMPOTENCY_CONFLICT,
					"request id '" + requestId + "' was already used for a different request", requestId);
		}
		return new Repeat(existing);
	}

}
