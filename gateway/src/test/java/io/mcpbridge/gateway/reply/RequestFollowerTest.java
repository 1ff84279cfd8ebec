package io.mcpbridge.gateway.reply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The one follower of a request, with the result key and the event list replaced by mocks
 * and the pushes fed by hand.
 */
class RequestFollowerTest {

	private static final String TENANT = "acme";

	private final PendingReplies pending = new PendingReplies(TestProperties.withMaxPending(10));

	private final EventPushes pushes = new EventPushes();

	private final ResultReader results = mock(ResultReader.class);

	private final EventList events = mock(EventList.class);

	private final ExecutorService completions = Executors.newSingleThreadExecutor();

	private final RequestFollower follower = new RequestFollower(pending, pushes, results, events, completions,
			TestProperties.defaults());

	private final Heard heard = new Heard();

	@AfterEach
	void stop() {
		follower.destroy();
		completions.shutdownNow();
	}

	private static ReplyEnvelope reply(String requestId) {
		return new ReplyEnvelope(requestId, TENANT, BridgeJson.mapper().readTree("{\"ok\":true}"), null, "w", 0, false,
				null);
	}

	private static JsonNode message(int n) {
		return BridgeJson.mapper().readTree("{\"method\":\"notifications/progress\",\"params\":{\"n\":" + n + "}}");
	}

	private static long inSeconds(int seconds) {
		return System.currentTimeMillis() + seconds * 1000L;
	}

	@Test
	void aPolledFollowRelaysTheListsEventsInOrderThenTheReply() {
		when(events.after(TENANT, "s1", "r1", 1)).thenReturn(List.of(message(2), message(3)));
		when(events.after(TENANT, "s1", "r1", 3)).thenReturn(List.of());
		when(results.find(TENANT, "r1")).thenReturn(Optional.empty(), Optional.of(reply("r1")));

		follower.follow(Followed.eventsAndReply(TENANT, "r1", "s1", 1, inSeconds(10), null), heard);

		await().until(heard::ended);
		assertThat(heard.events).extracting(CallEvent::sequence).containsExactly(2L, 3L);
		assertThat(heard.reply).isNotNull();
		assertThat(heard.endings.get()).isEqualTo(1);
	}

	@Test
	void pushedEventsArriveAsTheyComeAndAGapIsFilledFromTheList() {
		when(results.find(TENANT, "r1")).thenReturn(Optional.empty());
		when(events.after(TENANT, null, "r1", 0)).thenReturn(List.of());
		when(events.after(TENANT, null, "r1", 1)).thenReturn(List.of(message(2), message(3)));
		when(events.after(TENANT, null, "r1", 3)).thenReturn(List.of());
		follower.follow(Followed.eventsAndReply(TENANT, "r1", null, 0, inSeconds(10), null), heard);

		pushes.deliver(new CallEvent("r1", TENANT, 1, message(1)));
		pushes.deliver(new CallEvent("r1", TENANT, 3, message(3)));
		pushes.deliver(new CallEvent("r1", "other", 4, message(4)));

		await()
			.untilAsserted(() -> assertThat(heard.events).extracting(CallEvent::sequence).containsExactly(1L, 2L, 3L));
	}

	@Test
	void aReplyPushedToThisGatewayEndsTheFollowWithoutWaitingForAPoll() {
		when(results.find(TENANT, "r1")).thenReturn(Optional.empty());
		pending.register("r1", TENANT);
		follower.follow(Followed.reply(TENANT, "r1", inSeconds(60), null), heard);

		pending.complete(reply("r1"));

		await().until(heard::ended);
		assertThat(heard.reply.requestId()).isEqualTo("r1");
	}

	@Test
	void aProbeThatFindsNoReplyWillComeEndsTheFollowWithItsFailure() {
		when(results.find(TENANT, "r1")).thenReturn(Optional.empty());
		BridgeException never = new BridgeException(ErrorCode.QUEUE_UNAVAILABLE, "never queued", "r1");

		follower.follow(Followed.reply(TENANT, "r1", inSeconds(10), () -> {
			throw never;
		}), heard);

		await().until(heard::ended);
		assertThat(heard.failure).isSameAs(never);
		assertThat(heard.reply).isNull();
	}

	@Test
	void aFollowWhoseTimeRunsOutEndsWithoutAFailure() {
		when(results.find(TENANT, "r1")).thenReturn(Optional.empty());

		follower.follow(Followed.reply(TENANT, "r1", System.currentTimeMillis() + 200, null), heard);

		await().until(heard::ended);
		assertThat(heard.failure).isNull();
		assertThat(heard.reply).isNull();
		verify(results, atLeast(2)).find(TENANT, "r1");
	}

	@Test
	void aStoppedFollowLooksNoMoreAndSaysNothing() {
		when(results.find(TENANT, "r1")).thenReturn(Optional.empty());
		when(events.after(eq(TENANT), isNull(), eq("r1"), anyLong())).thenReturn(List.of());
		RequestFollower.Following following = follower
			.follow(Followed.eventsAndReply(TENANT, "r1", null, 0, inSeconds(10), null), heard);
		await().untilAsserted(() -> verify(results, atLeastOnce()).find(TENANT, "r1"));

		following.stop();
		pushes.deliver(new CallEvent("r1", TENANT, 1, message(1)));

		assertThat(pushes.size()).isZero();
		assertThat(heard.events).isEmpty();
		assertThat(heard.endings.get()).isZero();
	}

	@Test
	void anObserverThatStopsListeningStopsTheFollow() {
		when(results.find(TENANT, "r1")).thenReturn(Optional.empty());
		heard.listening.set(false);

		follower.follow(Followed.reply(TENANT, "r1", inSeconds(10), null), heard);

		await().untilAsserted(() -> assertThat(heard.asked.get()).isPositive());
		assertThat(heard.endings.get()).isZero();
	}

	@Test
	void aRequestProducedHereGetsItsPushedReply() {
		RequestEnvelope request = request(Duration.ofSeconds(10));
		PendingReplies.Registration registration = pending.register(request.requestId(), TENANT);

		CompletableFuture<ReplyEnvelope> reply = follower.reply(request, registration.reply());
		pending.complete(reply(request.requestId()));

		assertThat(reply.join().requestId()).isEqualTo(request.requestId());
	}

	@Test
	void atTheDeadlineTheResultKeyIsReadOnceBeforeTimingOut() {
		RequestEnvelope request = request(Duration.ofMillis(100));
		PendingReplies.Registration registration = pending.register(request.requestId(), TENANT);
		when(results.find(TENANT, request.requestId())).thenReturn(Optional.of(reply(request.requestId())));

		CompletableFuture<ReplyEnvelope> reply = follower.reply(request, registration.reply());

		assertThat(reply.join().requestId()).isEqualTo(request.requestId());
		assertThat(pending.isWaiting(request.requestId())).isFalse();
	}

	@Test
	void withoutAReplyOrAResultKeyTheDeadlineAnswersTimeout() {
		RequestEnvelope request = request(Duration.ofMillis(100));
		PendingReplies.Registration registration = pending.register(request.requestId(), TENANT);
		when(results.find(TENANT, request.requestId())).thenReturn(Optional.empty());

		CompletableFuture<ReplyEnvelope> reply = follower.reply(request, registration.reply());

		assertThat(reply).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOfSatisfying(BridgeException.class,
					failure -> assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT));
	}

	private static RequestEnvelope request(Duration timeout) {
		long now = System.currentTimeMillis();
		return new RequestEnvelope(UUID.randomUUID().toString(), TENANT, "s1", "home", Methods.TOOLS_CALL,
				"get_entity_state", null, Priority.HIGH, now + timeout.toMillis(), "gw-1", "s1", Map.of(), now);
	}

	/** What an observer heard. */
	private static final class Heard implements RequestFollower.Observer {

		final List<CallEvent> events = new CopyOnWriteArrayList<>();

		final AtomicInteger endings = new AtomicInteger();

		final AtomicInteger asked = new AtomicInteger();

		final AtomicBoolean listening = new AtomicBoolean(true);

		volatile ReplyEnvelope reply;

		volatile BridgeException failure;

		@Override
		public void onEvent(CallEvent event) {
			events.add(event);
		}

		@Override
		public void onReply(ReplyEnvelope reply) {
			this.reply = reply;
			endings.incrementAndGet();
		}

		@Override
		public void onEnd(BridgeException failure) {
			this.failure = failure;
			endings.incrementAndGet();
		}

		@Override
		public boolean listening() {
			asked.incrementAndGet();
			return listening.get();
		}

		boolean ended() {
			return endings.get() > 0;
		}

	}

}
