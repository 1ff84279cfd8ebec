package io.mcpbridge.gateway.submit;

import java.util.Optional;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.idempotency.IdempotencyRecord;
import io.mcpbridge.gateway.idempotency.IdempotencyStore;
import io.mcpbridge.gateway.reply.Followed;
import io.mcpbridge.gateway.reply.PendingReplies;
import io.mcpbridge.gateway.reply.RequestFollower;

/**
 * A repeat of a named request whose first is in flight elsewhere (another gateway, or an
 * earlier HTTP request): the worker replies on the first's gateway only, so the repeat
 * follows the first's result key, and its id's record (the first gateway keeps the reply
 * there, beyond the result key's TTL), until the repeat's own deadline; what it finds
 * completes the repeat's waiter like a pushed reply.
 */
final class FirstRequest implements RequestFollower.Observer {

	private final PendingReplies pending;

	private final RequestEnvelope repeat;

	FirstRequest(PendingReplies pending, RequestEnvelope repeat) {
		this.pending = pending;
		this.repeat = repeat;
	}

	/**
	 * The result key, then the id's record: missing (the first was never queued), with a
	 * reply, or past the first's deadline with a grace for a late worker.
	 */
	static Followed followed(RequestEnvelope repeat, IdempotencyRecord first, IdempotencyStore records) {
		String id = repeat.requestId();
		return Followed.reply(repeat.tenant(), id, repeat.deadlineEpochMs(), () -> {
			Optional<IdempotencyRecord> record = records.find(repeat.tenant(), id);
			if (record.isEmpty()) {
				throw new BridgeException(ErrorCode.QUEUE_UNAVAILABLE,
						"the first request with this id was not queued; retry with the same id", id);
			}
			if (record.get().reply() != null) {
				return Optional.of(record.get().reply());
			}
			if (System.currentTimeMillis() > first.deadlineEpochMs() + RequestFollower.LATE_RESULT_GRACE.toMillis()) {
				throw new BridgeException(ErrorCode.TIMEOUT,
						"the first request with this id passed its deadline without a result; its outcome is unknown",
						id);
			}
			return Optional.empty();
		});
	}

	@Override
	public void onReply(ReplyEnvelope reply) {
		pending.complete(reply);
	}

	@Override
	public void onEnd(BridgeException failure) {
		if (failure != null) {
			pending.fail(repeat.requestId(), failure);
		}
		// Without one, the repeat's own deadline answers it (RequestFollower#reply).
	}

	@Override
	public boolean listening() {
		return pending.isWaiting(repeat.requestId());
	}

}
