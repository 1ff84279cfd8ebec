package io.mcpbridge.standalone.mcp;

import java.time.Duration;
import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the upstream sends during a call reaches the client, through the queue and Redis,
 * across gateway replicas: progress and log messages on the request's SSE stream,
 * sampling and elicitation requests answered through another gateway, a stream resumed on
 * another gateway, cancellation. The upstream is the conformance fixture server, as real
 * subprocesses.
 */
class McpRelayIT {

	private static final String PATH = "/mcp/u/" + StandaloneStack.FIXTURE_UPSTREAM;

	@RegisterExtension
	static final FixtureReplicas replicas = new FixtureReplicas();

	private McpClient onA;

	private int portA;

	private int portB;

	@BeforeEach
	void connect() {
		portA = replicas.firstPort();
		portB = replicas.secondPort();
		onA = new McpClient(new BridgeHttp(portA), PATH);
	}

	@Test
	void aSessionCreatedOnOneGatewayContinuesOnTheOther() {
		String session = onA.initialize("{}");
		McpClient onB = new McpClient(new BridgeHttp(portB), PATH);

		JsonNode answer = McpClient
			.messages(onB.post(session, onB.request("tools/call", "{\"name\":\"test_simple_text\",\"arguments\":{}}")))
			.get(0);

		assertThat(answer.path("result").path("content").get(0).path("type").asString()).isEqualTo("text");
	}

	@Test
	void progressNotificationsStreamBeforeTheAnswerWithTheClientsToken() throws Exception {
		String session = onA.initialize("{}");

		try (SseStream stream = SseStream.post(portA, PATH, onA.request("tools/call",
				"{\"name\":\"test_tool_with_progress\",\"arguments\":{},\"_meta\":{\"progressToken\":\"my-token\"}}"),
				sessionHeaders(session))) {
			assertThat(stream.contentType()).startsWith("text/event-stream");
			McpClient.SseEvent priming = stream.next();
			assertThat(priming.data()).isEmpty();
			assertThat(priming.id()).endsWith(".0");
			List<JsonNode> messages = stream.rest();

			assertThat(messages).hasSize(4);
			assertThat(messages.subList(0, 3)).allSatisfy(progress -> {
				assertThat(progress.path("method").asString()).isEqualTo("notifications/progress");
				assertThat(progress.path("params").path("progressToken").asString()).isEqualTo("my-token");
			});
			assertThat(messages.subList(0, 3).stream().map(m -> m.path("params").path("progress").asInt()))
				.containsExactly(0, 50, 100);
			assertThat(messages.get(3).path("result").path("content").get(0).path("text").asString())
				.isEqualTo("Tool with progress executed successfully");
		}
	}

	@Test
	void logMessagesFollowTheSessionsLevel() throws Exception {
		String session = onA.initialize("{}");
		String call = onA.request("tools/call", "{\"name\":\"test_tool_with_logging\",\"arguments\":{}}");

		List<JsonNode> loud = McpClient.messages(onA.post(session, call));
		assertThat(loud.stream().filter(m -> "notifications/message".equals(m.path("method").asString())))
			.hasSizeGreaterThanOrEqualTo(3);

		onA.post(session, onA.request("logging/setLevel", "{\"level\":\"error\"}"));
		List<JsonNode> quiet = McpClient.messages(
				onA.post(session, onA.request("tools/call", "{\"name\":\"test_tool_with_logging\",\"arguments\":{}}")));
		assertThat(quiet).singleElement()
			.satisfies(answer -> assertThat(answer.path("result").path("isError").asBoolean()).isFalse());
	}

	@Test
	void aSamplingRequestIsAnsweredThroughAnotherGatewayAndReachesTheAskingProcess() throws Exception {
		String session = onA.initialize("{\"sampling\":{}}");

		try (SseStream stream = SseStream.post(portA, PATH,
				onA.request("tools/call", "{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"What is 2+2?\"}}"),
				sessionHeaders(session))) {
			JsonNode sampling = stream.nextMessage();
			assertThat(sampling.path("method").asString()).isEqualTo("sampling/createMessage");
			assertThat(sampling.path("params").path("messages").get(0).path("content").path("text").asString())
				.isEqualTo("What is 2+2?");

			BridgeHttp.Response accepted = new McpClient(new BridgeHttp(portB), PATH).post(session,
					"{\"jsonrpc\":\"2.0\",\"id\":\"" + sampling.path("id").asString() + "\",\"result\":{\"role\":"
							+ "\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"4, says B\"},\"model\":\"test\","
							+ "\"stopReason\":\"endTurn\"}}");
			assertThat(accepted.status()).isEqualTo(202);

			JsonNode answer = stream.nextMessage();
			assertThat(answer.path("result").path("content").get(0).path("text").asString())
				.isEqualTo("LLM response: 4, says B");
		}
	}

	@Test
	void anAnswerFromAnotherSessionIsRefused() throws Exception {
		String session = onA.initialize("{\"elicitation\":{}}");
		String intruder = onA.initialize("{}");

		try (SseStream stream = SseStream.post(portA, PATH,
				onA.request("tools/call",
						"{\"name\":\"test_elicitation\",\"arguments\":{\"message\":\"Who are you?\"}}"),
				sessionHeaders(session))) {
			JsonNode elicitation = stream.nextMessage();
			assertThat(elicitation.path("method").asString()).isEqualTo("elicitation/create");
			String answer = "{\"jsonrpc\":\"2.0\",\"id\":\"" + elicitation.path("id").asString()
					+ "\",\"result\":{\"action\":\"accept\",\"content\":{\"username\":\"mallory\",\"email\":\"m@x\"}}}";

			assertThat(onA.post(intruder, answer).status()).isEqualTo(404);
			assertThat(onA.post(session, answer).status()).isEqualTo(202);

			assertThat(stream.nextMessage().path("result").path("content").get(0).path("text").asString())
				.contains("action=accept")
				.contains("mallory");
		}
	}

	@Test
	void aStreamCutAfterAnEventResumesOnAnotherGatewayWithLastEventId() throws Exception {
		String session = onA.initialize("{\"sampling\":{}}");
		JsonNode sampling;
		String lastEventId;
		try (SseStream stream = SseStream.post(portA, PATH,
				onA.request("tools/call", "{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"resume me\"}}"),
				sessionHeaders(session))) {
			sampling = stream.nextMessage();
			lastEventId = stream.lastId();
		}
		// The client went away (not a cancellation in this revision); it comes back
		// through gateway B.
		McpClient onB = new McpClient(new BridgeHttp(portB), PATH);
		try (SseStream resumed = SseStream.get(portB, PATH, "Mcp-Session-Id", session, "Last-Event-ID",
				lastEventId.substring(0, lastEventId.lastIndexOf('.')) + ".0")) {
			assertThat(resumed.status()).isEqualTo(200);
			JsonNode replayed = resumed.nextMessage();
			assertThat(replayed.path("id").asString()).isEqualTo(sampling.path("id").asString());
			assertThat(resumed.lastId()).isEqualTo(lastEventId);

			assertThat(onB
				.post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"" + sampling.path("id").asString()
						+ "\",\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"resumed\"},"
						+ "\"model\":\"test\"}}")
				.status()).isEqualTo(202);

			JsonNode answer = resumed.nextMessage();
			assertThat(answer.path("id").asInt()).isGreaterThan(0);
			assertThat(answer.path("result").path("content").get(0).path("text").asString())
				.isEqualTo("LLM response: resumed");
		}
	}

	@Test
	void aResumeOfAnotherSessionsStreamIsRefused() throws Exception {
		String session = onA.initialize("{\"sampling\":{}}");
		String other = onA.initialize("{}");
		try (SseStream stream = SseStream.post(portA, PATH,
				onA.request("tools/call", "{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"mine\"}}"),
				sessionHeaders(session))) {
			stream.nextMessage();
			String lastEventId = stream.lastId();

			try (SseStream stolen = SseStream.get(portB, PATH, "Mcp-Session-Id", other, "Last-Event-ID", lastEventId)) {
				assertThat(stolen.status()).isEqualTo(404);
			}
		}
	}

	@Test
	void notificationsCancelledThroughAnotherGatewayEndsTheWaitingCall() throws Exception {
		String session = onA.initialize("{\"elicitation\":{}}");
		String call = onA.request("tools/call",
				"{\"name\":\"test_elicitation\",\"arguments\":{\"message\":\"never\"}}");
		int clientId = BridgeJson.mapper().readTree(call).path("id").asInt();
		try (SseStream stream = SseStream.post(portA, PATH, call, sessionHeaders(session))) {
			assertThat(stream.nextMessage().path("method").asString()).isEqualTo("elicitation/create");
			long started = System.nanoTime();

			BridgeHttp.Response cancelled = new McpClient(new BridgeHttp(portB), PATH).post(session,
					"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + clientId
							+ ",\"reason\":\"user pressed stop\"}}");
			assertThat(cancelled.status()).isEqualTo(202);

			JsonNode end = stream.nextMessage();
			assertThat(end.path("error").path("data").path("bridge_code").asString()).isEqualTo("CANCELLED");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("ended by the cancellation, not the deadline")
				.isLessThan(Duration.ofSeconds(20));
		}
	}

	private static String[] sessionHeaders(String session) {
		return new String[] { "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25" };
	}

}
