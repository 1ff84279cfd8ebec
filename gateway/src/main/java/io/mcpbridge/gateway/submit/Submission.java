package io.mcpbridge.gateway.submit;

import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.ReplyEnvelope;

/**
 * A request accepted by this gateway.
 *
 * @param queued completes when the request is in the queue (the broker acknowledged it,
 * or it is a repeat of a request already there); fails with QUEUE_UNAVAILABLE otherwise
 * @param reply the reply, or a failure with TIMEOUT, QUEUE_UNAVAILABLE, ...; always
 * completes by the deadline
 */
public record Submission(CompletableFuture<Void> queued, CompletableFuture<ReplyEnvelope> reply) {
}
