package io.mcpbridge.gateway.api;

import java.util.Optional;

import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.idempotency.IdempotencyRecord;
import io.mcpbridge.gateway.reply.RequestFollower;

/**
 * Where a request stands, as {@code GET /mcp/requests/{id}} reports it: 202 pending, 200
 * or the error's status when done, 504 when its deadline passed without a result, 404
 * when this tenant has no such request (ids are looked up under the tenant's own keys, so
 * another tenant's id is unknown here).
 */
sealed interface RequestStatus {

	record Pending() implements RequestStatus {
	}

	record Done(ReplyEnvelope reply) implements RequestStatus {
	}

	record Expired() implements RequestStatus {
	}

	record Unknown() implements RequestStatus {
	}

	/**
	 * @param record the id's record, present for requests sent with an id or
	 * asynchronously
	 * @param resultKey the worker's result key (present for any request, for the workers'
	 * result TTL)
	 */
	static RequestStatus of(Optional<IdempotencyRecord> record, Optional<ReplyEnvelope> resultKey, long nowEpochMs) {
		Optional<ReplyEnvelope> reply = record.map(IdempotencyRecord::reply).or(() -> resultKey);
		if (reply.isPresent()) {
			return new Done(reply.get());
		}
		if (record.isEmpty()) {
			return new Unknown();
		}
		if (nowEpochMs > record.get().deadlineEpochMs() + RequestFollower.LATE_RESULT_GRACE.toMillis()) {
			return new Expired();
		}
		return new Pending();
	}

}
