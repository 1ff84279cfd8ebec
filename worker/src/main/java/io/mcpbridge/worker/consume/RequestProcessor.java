package io.mcpbridge.worker.consume;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.cache.CacheInvalidator;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.reply.ReplyPublisher;
import io.mcpbridge.worker.trace.WorkerTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Answers one scheduled request, on an executor thread: from its stored result if it was
 * answered before, as TIMEOUT_IN_QUEUE if its deadline passed before it could start, by
 * waiting if another worker claimed it, else by executing it. Redis failures (the only
 * retriable kind here) are retried a few times, one second apart, then the record is
 * dead-lettered, so one record never blocks its key for long. The record's offset is
 * completed in every case but interruption (shutdown): then it stays uncommitted and is
 * redelivered.
 */
@Component
class RequestProcessor {

	static final long RETRY_INTERVAL_MS = 1000;

	static final int RETRY_ATTEMPTS = 3;

	static final String MDC_REQUEST_ID = "request_id";

	static final String MDC_TENANT = "tenant";

	private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);

	/** A Redis step that may be retried. */
	private interface Step<T> {

		T run() throws InterruptedException;

	}

	private final RequestHandler handler;

	private final ExecutionGuard guard;

	private final ReplyPublisher replies;

	private final DeadLetters deadLetters;

	private final String workerId;

	private final CacheInvalidator invalidator;

	private final WorkerTracing tracing;

	private final QueueWaitMetrics queueWait;

	RequestProcessor(RequestHandler handler, ExecutionGuard guard, ReplyPublisher replies, DeadLetters deadLetters,
			WorkerProperties properties, CacheInvalidator invalidator, WorkerTracing tracing,
			QueueWaitMetrics queueWait) {
		this.tracing = tracing;
		this.queueWait = queueWait;
		this.handler = handler;
		this.guard = guard;
		this.replies = replies;
		this.deadLetters = deadLetters;
		this.workerId = properties.worker().id();
		this.invalidator = invalidator;
	}

	void process(Work work) {
		queueWait.started(work.priority(), work.record().timestamp(), System.currentTimeMillis());
		// Every log line about this request names it and its tenant (and, from the span,
		// its trace).
		try (MDC.MDCCloseable id = MDC.putCloseable(MDC_REQUEST_ID, work.request().requestId());
				MDC.MDCCloseable tenant = MDC.putCloseable(MDC_TENANT, work.request().tenant());
				WorkerTracing.Execution execution = tracing.execution(work.request(), work.record().timestamp())) {
			answer(work, execution);
		}
	}

	private void answer(Work work, WorkerTracing.Execution execution) {
		try {
			Runnable delivery = retrying(work, () -> decide(work.request()));
			retrying(work, () -> {
				try (WorkerTracing.Step reply = tracing.step("reply")) {
					delivery.run();
				}
				return null;
			});
			work.completed();
			// With the MDC (request id, tenant) and the execution span (trace id) still
			// in place: one line per request for whoever turns DEBUG on.
			log.debug("request {} answered: {} {} on {}", work.request().requestId(), work.request().method(),
					work.request().tool() != null ? work.request().tool() : "", work.request().upstream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			log.debug("interrupted while answering request {}; it will be redelivered", work.request().requestId());
		}
		catch (RuntimeException ex) {
			execution.failed(ex);
			log.warn("request {} of tenant {} still failing after {} retries, moving it to the dead letters: {}",
					work.request().requestId(), work.request().tenant(), RETRY_ATTEMPTS, ex.toString());
			deadLetter(work, ex);
		}
	}

	private void deadLetter(Work work, RuntimeException failure) {
		try {
			deadLetters.send(work.record(), DeadLetters.Reason.RETRIES_EXHAUSTED, DeadLetters.describe(failure));
			work.completed();
		}
		catch (RuntimeException ex) {
			// Neither answered nor parked: leave the offset uncommitted so the record is
			// redelivered.
			log.error("could not dead-letter request {}: {}", work.request().requestId(), ex.toString());
		}
	}

	/**
	 * What to publish; runs the request only when it is neither answered, expired nor
	 * claimed. One round trip to Redis before the call (the admission) and one after it
	 * (the reply).
	 */
	private Runnable decide(RequestEnvelope request) throws InterruptedException {
		boolean expired = request.isExpired(System.currentTimeMillis());
		ExecutionGuard.Admission admission = guard.admit(request, workerId, !expired);
		if (admission.storedReply() != null) {
			log.debug("request {} was answered before (redelivered or cancelled): republishing its result",
					request.requestId());
			return () -> replies.republish(request, admission.storedReply());
		}
		if (expired) {
			ReplyEnvelope timedOut = handler.handle(request); // answers TIMEOUT_IN_QUEUE,
																// executes nothing
			return () -> replies.publish(request, timedOut);
		}
		if (admission.claimed()) {
			ReplyEnvelope reply = handler.handle(request); // checks the deadline again at
															// the moment of start
			return () -> {
				// Before the reply leaves: its client's next read, through any gateway,
				// must miss the old state.
				CacheInvalidator.Invalidation invalidation = invalidator.afterWrite(request);
				boolean invalidated = replies.publish(request, reply, invalidation);
				if (invalidation != null) {
					invalidator.ranWithReply(invalidation, invalidated);
				}
			};
		}
		log.info("request {} is claimed by another worker: waiting for its result", request.requestId());
		String theirs = guard.awaitResult(request);
		if (theirs != null) {
			return () -> replies.republish(request, theirs);
		}
		ReplyEnvelope unknown = ReplyEnvelope.failure(request, ReplyError.of(ErrorCode.TIMEOUT,
				"another worker started this request and gave no result before the deadline"), workerId);
		return () -> replies.publish(request, unknown);
	}

	private <T> T retrying(Work work, Step<T> step) throws InterruptedException {
		for (int attempt = 0;; attempt++) {
			try {
				return step.run();
			}
			catch (RuntimeException ex) {
				if (attempt >= RETRY_ATTEMPTS) {
					throw ex;
				}
				log.debug("request {}: attempt {} failed, retrying in {} ms: {}", work.request().requestId(),
						attempt + 1, RETRY_INTERVAL_MS, ex.toString());
				Thread.sleep(RETRY_INTERVAL_MS);
			}
		}
	}

}
