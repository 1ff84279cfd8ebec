package io.mcpbridge.gateway.submit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.backpressure.TenantInFlight;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.idempotency.Claim;
import io.mcpbridge.gateway.idempotency.IdempotencyStore;
import io.mcpbridge.gateway.idempotency.RequestFingerprint;
import io.mcpbridge.gateway.reply.PendingReplies;
import io.mcpbridge.gateway.reply.PendingReplies.Registration;
import io.mcpbridge.gateway.reply.RequestFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sends a request into the queue and returns its reply. In order: register the waiter
 * (this gateway's bound), count it against its tenant (the cluster-wide bound), claim its
 * id when it has one (a repeat executes nothing: it answers from Redis or polls for the
 * first's result), produce, then wait until the deadline. A failed produce removes the
 * waiter, frees the id and answers QUEUE_UNAVAILABLE. At the deadline the result key is
 * read once before answering TIMEOUT, because a reply published while this gateway was
 * not subscribed is lost.
 */
@Component
public class RequestSubmitter {

	private static final Logger log = LoggerFactory.getLogger(RequestSubmitter.class);

	private static final CompletableFuture<Void> ALREADY_QUEUED = CompletableFuture.completedFuture(null);

	private final QueueProducer producer;

	private final PendingReplies pending;

	private final TenantInFlight tenants;

	private final IdempotencyStore records;

	private final RequestFollower follower;

	private final ExecutorService completions;

	RequestSubmitter(QueueProducer producer, PendingReplies pending, TenantInFlight tenants, IdempotencyStore records,
			RequestFollower follower, ExecutorService replyCompletionExecutor) {
		this.producer = producer;
		this.pending = pending;
		this.tenants = tenants;
		this.records = records;
		this.follower = follower;
		this.completions = replyCompletionExecutor;
	}

	/** A request without idempotency: its id was generated here. */
	public CompletableFuture<ReplyEnvelope> submit(RequestEnvelope request) {
		return submit(request, false).reply();
	}

	/**
	 * @param idempotent remember the request's id for the idempotency TTL: a repeat
	 * within it, through any gateway, executes nothing and gets the first reply
	 * @throws BridgeException OVERLOADED past a bound, IDEMPOTENCY_CONFLICT for a known
	 * id with another request
	 */
	public Submission submit(RequestEnvelope request, boolean idempotent) {
		String fingerprint = idempotent ? RequestFingerprint.of(request) : null;
		Registration registration = pending.register(request.requestId(), request.tenant());
		if (!registration.isNew()) {
			// The same id is already awaited here: join it, once sure it is the same
			// request.
			if (idempotent) {
				records.find(request.tenant(), request.requestId())
					.ifPresent(first -> Claim.decide(first, fingerprint, request.requestId()));
			}
			return new Submission(ALREADY_QUEUED, follower.reply(request, registration.reply()));
		}
		CompletableFuture<Void> queued;
		try {
			tenants.acquire(request);
			try {
				queued = idempotent ? claimThenSend(request, fingerprint) : send(request, false);
			}
			catch (RuntimeException refused) {
				tenants.release(request);
				throw refused;
			}
		}
		catch (RuntimeException refused) {
			pending.remove(request.requestId());
			throw refused;
		}
		CompletableFuture<ReplyEnvelope> reply = follower.reply(request, registration.reply());
		reply.whenCompleteAsync((answer, failure) -> {
			tenants.release(request);
			if (idempotent && answer != null) {
				records.complete(answer);
			}
		}, completions);
		return new Submission(queued, reply);
	}

	private CompletableFuture<Void> claimThenSend(RequestEnvelope request, String fingerprint) {
		Claim claim = records.claim(request, fingerprint);
		if (claim instanceof Claim.Repeat repeat) {
			if (repeat.first().reply() != null) {
				pending.complete(repeat.first().reply());
			}
			else {
				follower.follow(FirstRequest.followed(request, repeat.first(), records),
						new FirstRequest(pending, request));
			}
			return ALREADY_QUEUED;
		}
		return send(request, true);
	}

	private CompletableFuture<Void> send(RequestEnvelope request, boolean releaseIdOnFailure) {
		return producer.send(request).exceptionally(failure -> {
			log.warn("could not produce request {}: {}", request.requestId(), failure.toString());
			if (releaseIdOnFailure) {
				records.release(request.tenant(), request.requestId());
			}
			BridgeException refused = RecordLimit.produceFailure(failure, request.requestId());
			pending.fail(request.requestId(), refused);
			throw refused;
		});
	}

}
