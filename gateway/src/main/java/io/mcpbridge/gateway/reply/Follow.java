package io.mcpbridge.gateway.reply;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.error.BridgeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One follow of {@link RequestFollower}: pushed events and reply when they come, a poll
 * of the event list, the result key and the probe otherwise. Pushes and polls hand the
 * observer one thing at a time under this object's lock; {@link #stop()} takes no lock,
 * so an observer may call it from under its own.
 */
final class Follow implements RequestFollower.Following {

	private static final Logger log = LoggerFactory.getLogger(Follow.class);

	private final Followed followed;

	private final RequestFollower.Observer observer;

	private final RequestFollower owner;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile ScheduledFuture<?> next;

	private volatile RequestFollower.EventTap tap;

	private long position;

	private long delayMs;

	Follow(Followed followed, RequestFollower.Observer observer, RequestFollower owner) {
		this.followed = followed;
		this.observer = observer;
		this.owner = owner;
		this.position = followed.wantsEvents() ? followed.afterEvent() : 0;
		this.delayMs = owner.firstPollMs();
	}

	void tapped(RequestFollower.EventTap eventTap) {
		this.tap = eventTap;
		eventTap.deliverTo(this::pushedEvent);
	}

	/** The first look at once, then the polls. */
	void start() {
		next = owner.scheduler().schedule(this::poll, 0, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (ended.compareAndSet(false, true)) {
			release();
		}
	}

	synchronized void pushedEvent(CallEvent event) {
		if (ended.get() || event.sequence() <= position) {
			return;
		}
		if (event.sequence() == position + 1) {
			position++;
			observer.onEvent(event);
			return;
		}
		// A gap: pub/sub reordered or lost events; the list has them all.
		try {
			catchUp();
		}
		catch (RuntimeException trouble) {
			log.debug("could not read the events of {}: {}", followed.requestId(), trouble.toString());
		}
	}

	synchronized void pushedReply(ReplyEnvelope reply) {
		if (ended.get()) {
			return;
		}
		if (followed.wantsEvents()) {
			// Events published just before the reply may still be on their way.
			try {
				catchUp();
			}
			catch (RuntimeException trouble) {
				log.debug("could not read the events of {}: {}", followed.requestId(), trouble.toString());
			}
		}
		replied(reply);
	}

	private synchronized void poll() {
		if (ended.get()) {
			return;
		}
		if (!observer.listening()) {
			stop();
			return;
		}
		try {
			if (followed.wantsEvents()) {
				catchUp();
			}
			Optional<ReplyEnvelope> reply = ended.get() ? Optional.empty() : owner.result(followed);
			if (reply.isEmpty() && !ended.get()) {
				reply = followed.probe().look();
			}
			if (reply.isPresent()) {
				replied(reply.get());
				return;
			}
		}
		catch (BridgeException noReply) {
			if (ended.compareAndSet(false, true)) {
				release();
				observer.onEnd(noReply);
			}
			return;
		}
		catch (RuntimeException trouble) {
			log.debug("following {} failed; trying again: {}", followed.requestId(), trouble.toString());
		}
		scheduleNext();
	}

	private void scheduleNext() {
		if (ended.get()) {
			return;
		}
		long leftMs = followed.untilEpochMs() - System.currentTimeMillis();
		if (leftMs <= 0) {
			if (ended.compareAndSet(false, true)) {
				release();
				observer.onEnd(null);
			}
			return;
		}
		long waitMs = Math.min(delayMs, leftMs);
		delayMs = Math.min(delayMs * 2, owner.maxPollMs(followed));
		next = owner.scheduler().schedule(this::poll, waitMs, TimeUnit.MILLISECONDS);
	}

	private void catchUp() {
		for (JsonNode message : owner.eventsAfter(followed, position)) {
			if (ended.get()) {
				return;
			}
			position++;
			observer.onEvent(new CallEvent(followed.requestId(), followed.tenant(), position, message));
		}
	}

	private void replied(ReplyEnvelope reply) {
		if (ended.compareAndSet(false, true)) {
			release();
			observer.onReply(reply);
		}
	}

	private void release() {
		ScheduledFuture<?> scheduled = next;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		RequestFollower.EventTap eventTap = tap;
		if (eventTap != null) {
			eventTap.close();
		}
	}

}
