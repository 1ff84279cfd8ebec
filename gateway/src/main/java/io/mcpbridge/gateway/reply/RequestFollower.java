package io.mcpbridge.gateway.reply;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The one way the gateway follows a request's outcome, its events and its reply, whoever
 * waits (a REST or MCP call, a repeat of a named request, a resumed stream, the retry of
 * an input round).
 *
 * <p>
 * Push first: the worker publishes a request's events and reply on the channels of the
 * gateway that produced it ({@link PendingReplies}, {@link EventPushes}), and a follower
 * on that gateway is handed them as they come. Bounded polling as the fallback: pub/sub
 * delivers at most once and only to that gateway, so the result key and the event list
 * are the source of truth. A request this gateway produced reads its result key once, at
 * its deadline, before answering TIMEOUT; any other follow polls them, 50 ms doubling to
 * {@code idempotency.poll-max-interval} (to {@link #EVENT_POLL_MAX} when it wants
 * events), until its own end. Every wait ends by a deadline, and every poll is one
 * scheduled task per follow, whose number is bounded by {@code queue.max-pending} and
 * {@code mcp.max-streams}.
 *
 * <p>
 * Why polling rather than keyspace notifications: it needs nothing from Redis'
 * configuration (notifications are off by default and not delivered across a Redis
 * Cluster), and a missed notification cannot strand a waiter.
 */
@Component
public class RequestFollower implements DisposableBean {

	/**
	 * A worker that started a request before its deadline may answer shortly after it.
	 */
	public static final Duration LATE_RESULT_GRACE = Duration.ofSeconds(5);

	/** The longest pause between two polls of a follow that relays events. */
	static final Duration EVENT_POLL_MAX = Duration.ofMillis(200);

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
			new CustomizableThreadFactory("request-follower-"));

	private final PendingReplies pending;

	private final EventPushes pushes;

	private final ResultReader results;

	private final EventList events;

	private final ExecutorService completions;

	private final Duration initialInterval;

	private final Duration maxInterval;

	RequestFollower(PendingReplies pending, EventPushes pushes, ResultReader results, EventList events,
			@Qualifier("replyCompletionExecutor") ExecutorService completions, GatewayProperties properties) {
		this.pending = pending;
		this.pushes = pushes;
		this.results = results;
		this.events = events;
		this.completions = completions;
		this.initialInterval = properties.idempotency().pollInitialInterval();
		this.maxInterval = properties.idempotency().pollMaxInterval();
	}

	/**
	 * The reply of a request this gateway produced, as pushed on its reply channel; at
	 * the deadline its result key is read once (the push may have been lost while the
	 * subscription was down), then TIMEOUT. Always completes by the deadline.
	 * @param pushed the request's waiter in {@link PendingReplies}
	 */
	public CompletableFuture<ReplyEnvelope> reply(RequestEnvelope request, CompletableFuture<ReplyEnvelope> pushed) {
		long waitMs = Math.max(0, request.deadlineEpochMs() - System.currentTimeMillis());
		return pushed.copy()
			.orTimeout(waitMs, TimeUnit.MILLISECONDS)
			.exceptionallyAsync(failure -> afterNoPush(request, failure), completions);
	}

	private ReplyEnvelope afterNoPush(RequestEnvelope request, Throwable failure) {
		Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
		if (cause instanceof BridgeException bridge) {
			throw bridge;
		}
		if (cause instanceof TimeoutException) {
			pending.remove(request.requestId());
			return results.find(request.tenant(), request.requestId())
				.orElseThrow(() -> new BridgeException(
						ErrorCode.TIMEOUT, "no reply before the deadline ("
								+ (request.deadlineEpochMs() - request.createdEpochMs()) + " ms)",
						request.requestId()));
		}
		throw new IllegalStateException("waiting for request " + request.requestId() + " failed", cause);
	}

	/**
	 * Follows a request that may have been produced anywhere: the observer hears its
	 * events in order (when it asked for them), then exactly one end, unless it stops the
	 * follow first. Pushes reach it when this gateway produced the request; polls always
	 * do.
	 */
	public Following follow(Followed followed, Observer observer) {
		Follow follow = new Follow(followed, observer, this);
		if (followed.wantsEvents()) {
			follow.tapped(pushes.tap(followed.requestId(), followed.tenant()));
		}
		pending.pushed(followed.requestId(), followed.tenant())
			.ifPresent(reply -> reply.thenAcceptAsync(follow::pushedReply, scheduler));
		follow.start();
		return follow;
	}

	/**
	 * The events pushed here for a request this gateway is about to produce; its own
	 * caller follows the reply ({@link #reply}) and reads the event list when pushes
	 * leave a gap.
	 */
	public EventTap tapEvents(String requestId, String tenant) {
		return pushes.tap(requestId, tenant);
	}

	ScheduledExecutorService scheduler() {
		return scheduler;
	}

	Optional<ReplyEnvelope> result(Followed followed) {
		return results.find(followed.tenant(), followed.requestId());
	}

	List<JsonNode> eventsAfter(Followed followed, long position) {
		return events.after(followed.tenant(), followed.eventSession(), followed.requestId(), position);
	}

	long firstPollMs() {
		return initialInterval.toMillis();
	}

	long maxPollMs(Followed followed) {
		return followed.wantsEvents() ? Math.min(maxInterval.toMillis(), EVENT_POLL_MAX.toMillis())
				: maxInterval.toMillis();
	}

	@Override
	public void destroy() {
		scheduler.shutdownNow();
	}

	/** Hears one follow; calls come one at a time, in order. */
	public interface Observer {

		/** The next event of the request (positions count from 1, without gaps). */
		default void onEvent(CallEvent event) {
		}

		/** The request's reply: the follow's last call. */
		void onReply(ReplyEnvelope reply);

		/**
		 * The follow ended without a reply: its last call.
		 * @param failure what its probe found (e.g. the request was never queued); null
		 * when its time ran out
		 */
		void onEnd(BridgeException failure);

		/**
		 * Whether the observer still listens; polled before each look, a false stops the
		 * follow without a last call.
		 */
		default boolean listening() {
			return true;
		}

	}

	/**
	 * What a follow looks at besides the result key, once per poll: a reply kept
	 * elsewhere, or proof that none will come.
	 */
	@FunctionalInterface
	public interface Probe {

		Probe NONE = () -> Optional.empty();

		/**
		 * @return the reply found elsewhere; empty: keep following
		 * @throws BridgeException when no reply will ever come: ends the follow with it
		 */
		Optional<ReplyEnvelope> look();

	}

	/** A follow in progress. */
	public interface Following {

		/** Ends the follow without a last call; idempotent. */
		void stop();

	}

	/** A subscription to the events pushed here for one request. */
	public interface EventTap extends AutoCloseable {

		/** Where events go from now on; before this, they are dropped. */
		void deliverTo(Consumer<CallEvent> target);

		@Override
		void close();

	}

}
