package io.mcpbridge.gateway.submit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.reply.PendingReplies;
import io.mcpbridge.gateway.reply.PendingReplies.Registration;
import io.mcpbridge.gateway.reply.ResultReader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a request into the queue and returns its reply: register the waiter, produce to the
 * priority's topic keyed by entity, then wait until the deadline. A failed produce removes the waiter
 * and answers QUEUE_UNAVAILABLE. At the deadline the result key is read once before answering TIMEOUT,
 * because a reply published while this gateway was not subscribed is lost.
 */
@Component
public class RequestSubmitter {

	private static final Logger log = LoggerFactory.getLogger(RequestSubmitter.class);

	private final KafkaTemplate<String, String> kafka;

	private final PendingReplies pending;

	private final ResultReader results;

	private final ExecutorService completions;

	RequestSubmitter(KafkaTemplate<String, String> kafka, PendingReplies pending, ResultReader results,
			ExecutorService replyCompletionExecutor) {
		this.kafka = kafka;
		this.pending = pending;
		this.results = results;
		this.completions = replyCompletionExecutor;
	}

	/** The reply, or a {@link BridgeException} (TIMEOUT, QUEUE_UNAVAILABLE, OVERLOADED). */
	public CompletableFuture<ReplyEnvelope> submit(RequestEnvelope request) {
		Registration registration = pending.register(request.requestId(), request.tenant());
		if (registration.isNew()) {
			produce(request);
		}
		long waitMs = Math.max(0, request.deadlineEpochMs() - System.currentTimeMillis());
		return registration.reply()
			.copy()
			.orTimeout(waitMs, TimeUnit.MILLISECONDS)
			.exceptionallyAsync(failure -> afterFailure(request, failure), completions);
	}

	private void produce(RequestEnvelope request) {
		ProducerRecord<String, String> record = new ProducerRecord<>(Topics.requests(request.priority()),
				request.routingKey(), BridgeJson.mapper().writeValueAsString(request));
		try {
			kafka.send(record).whenComplete((sent, failure) -> {
				if (failure != null) {
					queueUnavailable(request, failure);
				}
			});
		}
		catch (RuntimeException failure) {
			queueUnavailable(request, failure);
		}
	}

	private void queueUnavailable(RequestEnvelope request, Throwable failure) {
		log.warn("could not produce request {}: {}", request.requestId(), failure.toString());
		pending.fail(request.requestId(), new BridgeException(ErrorCode.QUEUE_UNAVAILABLE,
				"the request queue is unavailable; retry later", request.requestId()));
	}

	private ReplyEnvelope afterFailure(RequestEnvelope request, Throwable failure) {
		Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
		if (cause instanceof BridgeException bridge) {
			throw bridge;
		}
		if (cause instanceof TimeoutException) {
			pending.remove(request.requestId());
			return results.find(request.tenant(), request.requestId())
				.orElseThrow(() -> new BridgeException(ErrorCode.TIMEOUT,
						"no reply before the deadline (" + (request.deadlineEpochMs() - request.createdEpochMs())
								+ " ms)",
						request.requestId()));
		}
		throw new IllegalStateException("waiting for request " + request.requestId() + " failed", cause);
	}
}
