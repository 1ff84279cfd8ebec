package io.mcpbridge.gateway.submit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.backpressure.TenantInFlight;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.idempotency.Claim;
import io.mcpbridge.gateway.idempotency.IdempotencyRecord;
import io.mcpbridge.gateway.idempotency.IdempotencyStore;
import io.mcpbridge.gateway.idempotency.RequestFingerprint;
import io.mcpbridge.gateway.reply.Followed;
import io.mcpbridge.gateway.reply.PendingReplies;
import io.mcpbridge.gateway.reply.RequestFollower;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The order of admission, claim and produce, with Redis and Kafka replaced by mocks. */
class RequestSubmitterTest {

	private final QueueProducer producer = mock(QueueProducer.class);

	private final PendingReplies pending = new PendingReplies(TestProperties.withMaxPending(10));

	private final TenantInFlight tenants = mock(TenantInFlight.class);

	private final IdempotencyStore records = mock(IdempotencyStore.class);

	private final RequestFollower follower = mock(RequestFollower.class);

	private final ExecutorService completions = Executors.newSingleThreadExecutor();

	private final RequestSubmitter submitter = new RequestSubmitter(producer, pending, tenants, records, follower,
			completions);

	private final EnvelopeFactory envelopes = new EnvelopeFactory(TestProperties.defaults());

	/**
	 * The follower hands back the pushed reply as it comes (its deadline is its own
	 * test).
	 */
	@BeforeEach
	void pushOnly() {
		when(follower.reply(any(), any())).thenAnswer(call -> call.getArgument(1));
	}

	@AfterEach
	void stop() {
		completions.shutdownNow();
	}

	private RequestEnvelope request(String id) {
		return envelopes.create(id, "acme", "s1", "home", Methods.TOOLS_CALL, "call_service",
				BridgeJson.mapper().readTree("{\"entity_id\":\"light.a\"}"), Priority.MEDIUM, Duration.ofSeconds(5));
	}

	private static ReplyEnvelope reply(RequestEnvelope request) {
		return ReplyEnvelope.success(request, BridgeJson.mapper().readTree("{\"first\":true}"), "w1");
	}

	@Test
	void theFirstRequestWithAnIdIsProducedAndItsReplyRemembered() {
		RequestEnvelope request = request("r1");
		when(records.claim(request, RequestFingerprint.of(request))).thenReturn(new Claim.First());
		when(producer.send(request)).thenReturn(CompletableFuture.completedFuture(null));

		Submission submission = submitter.submit(request, true);
		pending.complete(reply(request));

		assertThat(submission.reply().join().result().path("first").asBoolean()).isTrue();
		await().untilAsserted(() -> {
			verify(records).complete(any());
			verify(tenants).release(request);
		});
	}

	@Test
	void aRepeatOfAFinishedRequestExecutesNothingAndGetsTheFirstReply() {
		RequestEnvelope request = request("r1");
		ReplyEnvelope first = reply(request);
		when(records.claim(any(), any()))
			.thenReturn(new Claim.Repeat(new IdempotencyRecord("fp", 0, "gw-a", null).withReply(first)));

		Submission submission = submitter.submit(request, true);

		assertThat(submission.reply().join()).isEqualTo(first);
		assertThat(submission.queued()).isCompleted();
		verify(producer, never()).send(any());
		verify(follower, never()).follow(any(), any());
	}

	@Test
	void aRepeatOfARequestInFlightElsewhereFollowsTheFirstsResult() {
		RequestEnvelope request = request("r1");
		Repeat repeat = repeatOfFirstInFlight(request);

		verify(producer, never()).send(any());
		assertThat(repeat.submission().reply()).isNotDone();
		assertThat(repeat.followed().requestId()).isEqualTo("r1");
		assertThat(repeat.followed().untilEpochMs()).isEqualTo(request.deadlineEpochMs());
		repeat.observer().onReply(reply(request));
		assertThat(repeat.submission().reply().join().result().path("first").asBoolean()).isTrue();
	}

	@Test
	void aRepeatWhoseFirstWasNeverQueuedFailsWithQueueUnavailable() {
		Repeat repeat = repeatOfFirstInFlight(request("r1"));

		// No record under the id: the probe says no reply will ever come.
		assertThatThrownBy(() -> repeat.followed().probe().look()).isInstanceOfSatisfying(BridgeException.class,
				failure -> {
					assertThat(failure.code()).isEqualTo(ErrorCode.QUEUE_UNAVAILABLE);
					repeat.observer().onEnd(failure);
				});

		assertThat(repeat.submission().reply()).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOf(BridgeException.class)
			.withMessageContaining("was not queued");
	}

	/** Submits a repeat of a first request still in flight: what it asks the follower. */
	private Repeat repeatOfFirstInFlight(RequestEnvelope request) {
		IdempotencyRecord inFlight = new IdempotencyRecord("fp", request.deadlineEpochMs(), "gw-a", null);
		when(records.claim(any(), any())).thenReturn(new Claim.Repeat(inFlight));
		Submission submission = submitter.submit(request, true);
		ArgumentCaptor<Followed> followed = ArgumentCaptor.forClass(Followed.class);
		ArgumentCaptor<RequestFollower.Observer> observer = ArgumentCaptor.forClass(RequestFollower.Observer.class);
		verify(follower).follow(followed.capture(), observer.capture());
		return new Repeat(submission, followed.getValue(), observer.getValue());
	}

	private record Repeat(Submission submission, Followed followed, RequestFollower.Observer observer) {
	}

	@Test
	void aConflictFreesEverythingItTookAndProducesNothing() {
		RequestEnvelope request = request("r1");
		when(records.claim(any(), any()))
			.thenThrow(new BridgeException(ErrorCode.IDEMPOTENCY_CONFLICT, "other request", "r1"));

		assertThatThrownBy(() -> submitter.submit(request, true)).isInstanceOf(BridgeException.class)
			.hasMessageContaining("other request");
		assertThat(pending.size()).isZero();
		verify(tenants).release(request);
		verify(producer, never()).send(any());
	}

	@Test
	void aTenantPastItsBoundIsRefusedBeforeAnythingIsClaimed() {
		RequestEnvelope request = request("r1");
		doThrow(new BridgeException(ErrorCode.OVERLOADED, "tenant full")).when(tenants).acquire(request);

		assertThatThrownBy(() -> submitter.submit(request, true)).isInstanceOf(BridgeException.class)
			.extracting(failure -> ((BridgeException) failure).code())
			.isEqualTo(ErrorCode.OVERLOADED);
		assertThat(pending.size()).isZero();
		verify(records, never()).claim(any(), any());
	}

	@Test
	void aFailedProduceFreesTheIdSoThatARetryCanExecute() {
		RequestEnvelope request = request("r1");
		when(records.claim(any(), any())).thenReturn(new Claim.First());
		when(producer.send(request)).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("down")));

		Submission submission = submitter.submit(request, true);

		assertThat(submission.queued()).isCompletedExceptionally();
		assertThat(submission.reply()).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOf(BridgeException.class)
			.withMessageContaining("queue is unavailable");
		verify(records).release("acme", "r1");
		await().untilAsserted(() -> verify(tenants).release(request));
	}

	@Test
	void theSameIdTwiceOnOneGatewayJoinsTheFirstWithoutProducingAgain() {
		RequestEnvelope request = request("r1");
		when(records.claim(any(), any())).thenReturn(new Claim.First());
		when(producer.send(request)).thenReturn(CompletableFuture.completedFuture(null));
		Submission first = submitter.submit(request, true);

		Submission second = submitter.submit(request("r1"), true);
		pending.complete(reply(request));

		assertThat(second.reply().join()).isEqualTo(first.reply().join());
		verify(producer).send(any());
	}

}
