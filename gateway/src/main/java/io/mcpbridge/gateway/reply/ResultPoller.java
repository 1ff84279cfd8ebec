package io.mcpbridge.gateway.reply;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.idempotency.IdempotencyRecord;
import io.mcpbridge.gateway.idempotency.IdempotencyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Waits for the result of a request that another gateway (or an earlier HTTP request) put
 * in flight: the worker publishes the reply on the FIRST gateway's channel only, so a
 * repeat arriving here polls the result key instead, with exponential backoff (50 ms
 * doubling to 1 s by default) until the repeat's deadline, and feeds what it finds into
 * {@link PendingReplies} like a published reply.
 *
 * <p>
 * Why polling: it needs nothing from the workers or from Redis' configuration (keyspace
 * notifications are off by default and not delivered across a Redis Cluster), a missed
 * notification cannot strand a waiter, and its cost is bounded: at most one scheduled
 * poll per pending waiter (itself bounded by {@code queue.max-pending}), each a GET or
 * two.
 */
@Component
public class ResultPoller implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ResultPoller.class);

	/**
	 * A worker that started the first request before its deadline may answer shortly
	 * after it.
	 */
	public static final Duration LATE_RESULT_GRACE = Duration.ofSeconds(5);

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
			new CustomizableThreadFactory("result-poller-"));

	private final PendingReplies pending;

	private final ResultReader results;

	private final IdempotencyStore records;

	private final Duration initialInterval;

	private final Duration maxInterval;

	ResultPoller(PendingReplies pending, ResultReader results, IdempotencyStore records, GatewayProperties properties) {
		this.pending = pending;
		this.results = results;
		this.records = records;
		this.initialInterval = properties.idempotency().pollInitialInterval();
		this.maxInterval = properties.idempotency().pollMaxInterval();
	}

	/**
	 * Starts polling for the result of {@code repeat}, already registered in
	 * {@link PendingReplies}.
	 * @param first what the first request with the same id left in Redis
	 */
	public void watch(RequestEnvelope repeat, IdempotencyRecord first) {
		scheduler.execute(() -> poll(repeat, first.deadlineEpochMs(), initialInterval.toMillis()));
	}

	private void poll(RequestEnvelope repeat, long firstDeadlineMs, long delayMs) {
		String id = repeat.requestId();
		if (!pending.isWaiting(id)) {
			return;
		}
		try {
			if (settle(repeat, firstDeadlineMs)) {
				return;
			}
		}
		catch (RuntimeException redisTrouble) {
			log.debug("polling the result of {} failed; trying again: {}", id, redisTrouble.toString());
		}
		long remaining = repeat.deadlineEpochMs() - System.currentTimeMillis();
		if (remaining <= 0) {
			return; // RequestSubmitter answers at the deadline
		}
		long next = Math.min(delayMs * 2, maxInterval.toMillis());
		scheduler.schedule(() -> poll(repeat, firstDeadlineMs, next), Math.min(delayMs, remaining),
				TimeUnit.MILLISECONDS);
	}

	/** One look at Redis; true when the waiter has been completed or failed. */
	private boolean settle(RequestEnvelope repeat, long firstDeadlineMs) {
		String id = repeat.requestId();
		Optional<ReplyEnvelope> result = results.find(repeat.tenant(), id);
		if (result.isPresent()) {
			pending.complete(result.get());
			return true;
		}
		Optional<IdempotencyRecord> record = records.find(repeat.tenant(), id);
		if (record.isEmpty()) {
			pending.fail(id, new BridgeException(ErrorCode.QUEUE_UNAVAILABLE,
					"the first request with this id was not queued; retry with the same id", id));
			return true;
		}
		if (record.get().reply() != null) {
			pending.complete(record.get().reply());
			return true;
		}
		if (System.currentTimeMillis() > firstDeadlineMs + LATE_RESULT_GRACE.toMillis()) {
			pending.fail(id, new BridgeException(ErrorCode.TIMEOUT,
					"the first request with this id passed its deadline without a result; its outcome is unknown", id));
			return true;
		}
		return false;
	}

	@Override
	public void destroy() {
		scheduler.shutdownNow();
	}

}
