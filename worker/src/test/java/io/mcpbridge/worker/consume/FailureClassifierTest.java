package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.worker.pool.CallTimeoutException;
import io.mcpbridge.worker.pool.NoIdleClientException;
import io.mcpbridge.worker.pool.UpstreamCrashedException;
import io.mcpbridge.worker.pool.UpstreamUnavailableException;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.worker.stdio.ChannelClosedException;
import io.mcpbridge.worker.stdio.JsonRpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Exceptions;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

	private final FailureClassifier classifier = new FailureClassifier();

	@ParameterizedTest
	@ValueSource(ints = { -32600, -32601, -32602 })
	void requestCausedJsonRpcErrorsAreRejectionsWithTheUpstreamCodeAndMessage(int code) {
		JsonRpcException error = new JsonRpcException(code, "Unknown tool: nope",
				BridgeJson.mapper().valueToTree(Map.of("tool", "nope")));

		ReplyError reply = classifier.classify(error);

		assertThat(reply.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
		assertThat(reply.upstreamCode()).isEqualTo(code);
		assertThat(reply.message()).isEqualTo("Unknown tool: nope");
		assertThat(reply.upstreamData().get("tool").asString()).isEqualTo("nope");
	}

	@ParameterizedTest
	@ValueSource(ints = { -32603, -32000, -32002, 42 })
	void otherJsonRpcErrorsAreUpstreamErrors(int code) {
		ReplyError reply = classifier.classify(new JsonRpcException(code, "database locked", null));

		assertThat(reply.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
		assertThat(reply.upstreamCode()).isEqualTo(code);
		assertThat(reply.message()).isEqualTo("database locked");
	}

	@Test
	void aWrappedJsonRpcErrorIsStillFound() {
		RuntimeException wrapped = new RuntimeException("outer", new JsonRpcException(-32602, "bad", null));

		assertThat(classifier.classify(wrapped).code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
	}

	@Test
	void aDeadProcessOrClosedTransportIsACrash() {
		assertThat(classifier.classify(new UpstreamCrashedException("home", "exit 137")).code())
			.isEqualTo(ErrorCode.UPSTREAM_CRASHED);
		assertThat(classifier.classify(new ChannelClosedException("closed")).code())
			.isEqualTo(ErrorCode.UPSTREAM_CRASHED);
	}

	@Test
	void noProcessToStartOrBorrowIsUnavailable() {
		ReplyError reply = classifier.classify(new UpstreamUnavailableException("home", "all 2 processes busy"));

		assertThat(reply.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
		assertThat(reply.message()).contains("all 2 processes busy");
	}

	@Test
	void aPoolBusyUntilTheDeadlineIsATimeoutInTheQueue() {
		ReplyError reply = classifier.classify(new NoIdleClientException("home", Duration.ofSeconds(1), 2, 2));

		assertThat(reply.code()).isEqualTo(ErrorCode.TIMEOUT_IN_QUEUE);
	}

	@Test
	void ourCallTimeoutAndTheSdksRequestTimeoutAreTimeouts() {
		assertThat(classifier.classify(new CallTimeoutException("home", Duration.ofMillis(5))).code())
			.isEqualTo(ErrorCode.TIMEOUT);
		// Reactor wraps the checked TimeoutException of Mono.timeout when a caller
		// blocks.
		assertThat(classifier.classify(Exceptions.propagate(new TimeoutException("Did not observe any item"))).code())
			.isEqualTo(ErrorCode.TIMEOUT);
	}

	@Test
	void badArgumentsAreInvalidRequests() {
		assertThat(classifier.classify(new InvalidRequestException("tool arguments must be a JSON object")).code())
			.isEqualTo(ErrorCode.INVALID_REQUEST);
	}

	@Test
	void anythingElseIsAnInternalErrorWhoseMessageRevealsNothing() {
		ReplyError reply = classifier.classify(new IllegalStateException("secret detail", new NullPointerException()));

		assertThat(reply.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
		assertThat(reply.message()).doesNotContain("secret detail", "Exception", "\tat ");
		assertThat(reply.upstreamCode()).isNull();
	}

}
