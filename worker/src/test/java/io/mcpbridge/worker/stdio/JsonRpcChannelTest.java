package io.mcpbridge.worker.stdio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel against a scripted peer on in-memory pipes: this test plays the child. */
class JsonRpcChannelTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final List<String> unattributed = new CopyOnWriteArrayList<>();

	private OutputStream childStdout;

	private BufferedReader childStdin;

	private JsonRpcChannel channel;

	@BeforeEach
	void connect() throws IOException {
		PipedInputStream channelIn = new PipedInputStream(1 << 16);
		childStdout = new PipedOutputStream(channelIn);
		PipedInputStream childIn = new PipedInputStream(1 << 16);
		PipedOutputStream channelOut = new PipedOutputStream(childIn);
		childStdin = new BufferedReader(new InputStreamReader(childIn, StandardCharsets.UTF_8));
		channel = new JsonRpcChannel("test#0", channelIn, channelOut, 4096,
				(method, params) -> unattributed.add(method))
			.start();
	}

	@AfterEach
	void close() {
		channel.close();
	}

	@Test
	void concurrentRequestsGetDistinctIdsAndEachItsOwnAnswer() throws Exception {
		JsonRpcChannel.Call first = channel.request("tools/call", json("{\"name\":\"a\"}"), CallListener.NONE);
		JsonRpcChannel.Call second = channel.request("tools/call", json("{\"name\":\"b\"}"), CallListener.NONE);
		JsonNode sentFirst = readSent();
		JsonNode sentSecond = readSent();
		assertThat(sentFirst.path("id").asLong()).isNotEqualTo(sentSecond.path("id").asLong());

		// Answered out of order.
		send("{\"jsonrpc\":\"2.0\",\"id\":" + sentSecond.path("id") + ",\"result\":{\"who\":\"b\"}}");
		send("{\"jsonrpc\":\"2.0\",\"id\":" + sentFirst.path("id") + ",\"result\":{\"who\":\"a\"}}");

		assertThat(first.answer().get().path("who").asString()).isEqualTo("a");
		assertThat(second.answer().get().path("who").asString()).isEqualTo("b");
		assertThat(channel.inFlight()).isZero();
	}

	@Test
	void anErrorAnswerFailsTheCallWithCodeMessageAndData() throws Exception {
		JsonRpcChannel.Call call = channel.request("tools/call", json("{\"name\":\"nope\"}"), CallListener.NONE);
		long id = readSent().path("id").asLong();

		send("{\"jsonrpc\":\"2.0\",\"id\":" + id
				+ ",\"error\":{\"code\":-32602,\"message\":\"Unknown tool\",\"data\":{\"tool\":\"nope\"}}}");

		assertThat(call.answer()).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(JsonRpcException.class, error -> {
				assertThat(error.code()).isEqualTo(-32602);
				assertThat(error.getMessage()).isEqualTo("Unknown tool");
				assertThat(error.data().path("tool").asString()).isEqualTo("nope");
			});
	}

	@Test
	void theClientsProgressTokenIsReplacedOnTheWireAndRestoredForTheListener() throws Exception {
		List<JsonNode> progress = new CopyOnWriteArrayList<>();
		CallListener listener = new CallListener() {
			@Override
			public void onNotification(String method, JsonNode params) {
				progress.add(params);
			}
		};
		JsonRpcChannel.Call call = channel.request("tools/call",
				json("{\"name\":\"slow\",\"_meta\":{\"progressToken\":\"client-token\"}}"), listener);
		JsonNode sent = readSent();
		JsonNode wireToken = sent.path("params").path("_meta").path("progressToken");
		assertThat(wireToken.asLong()).isEqualTo(sent.path("id").asLong());

		send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":" + wireToken
				+ ",\"progress\":1,\"total\":2}}");
		send("{\"jsonrpc\":\"2.0\",\"id\":" + call.id() + ",\"result\":{}}");

		call.answer().get();
		assertThat(progress).singleElement().satisfies(params -> {
			assertThat(params.path("progressToken").asString()).isEqualTo("client-token");
			assertThat(params.path("progress").asInt()).isEqualTo(1);
		});
	}

	@Test
	void aServerRequestDuringTheOnlyCallGoesToItsListenerAndItsAnswerGoesBack() throws Exception {
		CallListener listener = new CallListener() {
			@Override
			public CompletableFuture<JsonNode> onServerRequest(String method, JsonNode params) {
				return CompletableFuture.completedFuture(json("{\"answered\":\"" + method + "\"}"));
			}
		};
		JsonRpcChannel.Call call = channel.request("tools/call", json("{\"name\":\"asks\"}"), listener);
		readSent();

		send("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"sampling/createMessage\",\"params\":{}}");

		JsonNode answer = readSent();
		assertThat(answer.path("id").asString()).isEqualTo("s1");
		assertThat(answer.path("result").path("answered").asString()).isEqualTo("sampling/createMessage");
		assertThat(call.answer()).isNotDone();
	}

	@Test
	void aServerRequestOutsideAnyCallIsRefusedButPingIsAnswered() throws Exception {
		send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"elicitation/create\",\"params\":{}}");
		assertThat(readSent().path("error").path("code").asInt()).isEqualTo(-32601);

		send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}");
		JsonNode pong = readSent();
		assertThat(pong.path("id").asInt()).isEqualTo(8);
		assertThat(pong.path("result").isObject()).isTrue();
	}

	@Test
	void listChangedGoesToTheUnattributedListenerEvenDuringACall() throws Exception {
		channel.request("tools/call", json("{\"name\":\"a\"}"), CallListener.NONE);
		readSent();

		send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");

		org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> unattributed.contains("notifications/tools/list_changed"));
	}

	@Test
	void anOverLongLineFailsTheCallInFlightAndTheChannelStaysUsable() throws Exception {
		JsonRpcChannel.Call call = channel.request("tools/call", json("{\"name\":\"big\"}"), CallListener.NONE);
		long id = readSent().path("id").asLong();

		send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"blob\":\"" + "z".repeat(10_000) + "\"}}");

		assertThat(call.answer()).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(JsonRpcException.class)
			.withMessageContaining("larger than the bridge accepts");
		JsonRpcChannel.Call next = channel.request("ping", null, CallListener.NONE);
		send("{\"jsonrpc\":\"2.0\",\"id\":" + readSent().path("id") + ",\"result\":{}}");
		assertThat(next.answer().get().isObject()).isTrue();
	}

	@Test
	void junkOnStdoutIsIgnoredAndTheEndOfOutputFailsWhatIsPending() throws Exception {
		JsonRpcChannel.Call call = channel.request("tools/call", json("{\"name\":\"a\"}"), CallListener.NONE);
		readSent();

		send("Starting server... (a log line on stdout)");
		assertThat(call.answer()).isNotDone();
		childStdout.close();

		assertThat(call.answer()).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ChannelClosedException.class);
		assertThat(channel.isOpen()).isFalse();
	}

	@Test
	void cancellingARequestTellsThePeerAndFailsTheWaiter() throws Exception {
		JsonRpcChannel.Call call = channel.request("tools/call", json("{\"name\":\"a\"}"), CallListener.NONE);
		readSent();

		channel.cancel(call.id(), "client went away");

		JsonNode cancelled = readSent();
		assertThat(cancelled.path("method").asString()).isEqualTo("notifications/cancelled");
		assertThat(cancelled.path("params").path("requestId").asLong()).isEqualTo(call.id());
		assertThat(call.answer()).isCompletedExceptionally();
	}

	private JsonNode readSent() throws IOException {
		return BridgeJson.mapper().readTree(childStdin.readLine());
	}

	private void send(String line) throws IOException {
		childStdout.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		childStdout.flush();
	}

	private static JsonNode json(String text) {
		return BridgeJson.mapper().readTree(text);
	}

}
