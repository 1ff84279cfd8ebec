package io.mcpbridge.standalone.mcp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 2025-11-25 tasks through the whole bridge with the conformance fixture as upstream: a
 * question the upstream asks during a task makes it {@code input_required} until the
 * client answers it (tasks/result streams the question, the answer may go to any
 * replica), a task past its deadline fails, and hostile task parameters get -32602.
 */
class SessionTasksIT {

	private static final String PATH = "/mcp/u/" + StandaloneStack.FIXTURE_UPSTREAM;

	private static final Duration WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	static final FixtureReplicas replicas = new FixtureReplicas();

	private McpClient first;

	private McpClient second;

	private String session;

	@BeforeEach
	void initialize() {
		first = new McpClient(new BridgeHttp(replicas.firstPort()), PATH);
		second = new McpClient(new BridgeHttp(replicas.secondPort()), PATH);
		// No client capability: its tasks' calls share the fixture's processes.
		session = first.initialize("{}");
	}

	@Test
	void aQuestionDuringATaskMakesItInputRequiredUntilTheStreamedQuestionIsAnswered() throws Exception {
		session = first.initialize("{\"elicitation\":{}}");
		String taskId = create(first, "confirm_delete", "{\"filename\":\"b.txt\"}", "{}").at("/task/taskId").asString();
		awaitStatus(second, taskId, "input_required");

		try (SseStream results = SseStream.post(replicas.secondPort(), PATH,
				second.request("tasks/result", "{\"taskId\":\"" + taskId + "\"}"), "Mcp-Session-Id", session,
				"MCP-Protocol-Version", "2025-11-25")) {
			JsonNode question = results.nextMessage();
			assertThat(question.path("method").asString()).isEqualTo("elicitation/create");
			assertThat(question.at("/params/_meta/io.modelcontextprotocol~1related-task/taskId").asString())
				.isEqualTo(taskId);
			BridgeHttp.Response answered = first.post(session,
					"{\"jsonrpc\":\"2.0\",\"id\":\"" + question.path("id").asString()
							+ "\",\"result\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}");
			assertThat(answered.status()).isEqualTo(202);

			JsonNode outcome = results.nextMessage();
			assertThat(outcome.at("/result/content/0/text").asString()).isEqualTo("Deleted b.txt");
		}
		assertThat(get(first, taskId).path("status").asString()).isEqualTo("completed");
	}

	@Test
	void aTaskPastItsDeadlineFailsInsteadOfWorkingForever() {
		String taskId = create(first, "slow_compute", "{\"seconds\":20}", "{}", "X-Timeout", "1").at("/task/taskId")
			.asString();

		awaitStatus(second, taskId, "failed");
		BridgeHttp.Response result = second.post(session,
				second.request("tasks/result", "{\"taskId\":\"" + taskId + "\"}"));
		// Expired while queued or while running, depending on the machine's load: a
		// deadline
		// error either way.
		assertThat(result.json().at("/error/data/bridge_code").asString()).isIn("TIMEOUT", "TIMEOUT_IN_QUEUE");
	}

	@Test
	void aTtlThatIsNotAPositiveIntegerIsRefusedAndAHugeOneIsCappedToTheMaximum() {
		for (String ttl : List.of("-1", "0", "1.5", "\"soon\"", "-100000000000000000000000")) {
			BridgeHttp.Response refused = first.post(session, first.request("tools/call",
					"{\"name\":\"slow_compute\",\"arguments\":{\"seconds\":0},\"task\":{\"ttl\":" + ttl + "}}"));
			assertThat(refused.json().at("/error/code").asInt()).as(ttl).isEqualTo(-32602);
		}
		JsonNode huge = create(first, "slow_compute", "{\"seconds\":0}", "{\"ttl\":100000000000000000000000}");
		assertThat(huge.at("/task/ttl").asLong()).isEqualTo(Duration.ofHours(1).toMillis());
	}

	@Test
	void garbageOverlongAndOtherSessionsTaskIdsAndCursorsAreInvalidParams() {
		String taskId = create(first, "slow_compute", "{\"seconds\":0}", "{}").at("/task/taskId").asString();
		String otherSession = second.initialize("{}");
		for (String bad : List.of("\"a b\"", "\"" + "x".repeat(129) + "\"", "42", "null", "\"" + taskId + "\"")) {
			BridgeHttp.Response refused = second.post(otherSession,
					second.request("tasks/get", "{\"taskId\":" + bad + "}"));
			assertThat(refused.json().at("/error/code").asInt()).as(bad).isEqualTo(-32602);
		}
		for (String cursor : List.of("\"0\"", "\"garbage\"", "\"50.0123456789abcdef\"", "7")) {
			BridgeHttp.Response refused = first.post(session,
					first.request("tasks/list", "{\"cursor\":" + cursor + "}"));
			assertThat(refused.json().at("/error/code").asInt()).as(cursor).isEqualTo(-32602);
		}
	}

	private JsonNode create(McpClient client, String tool, String arguments, String task, String... headers) {
		BridgeHttp.Response response = client.post(session, client.request("tools/call",
				"{\"name\":\"" + tool + "\",\"arguments\":" + arguments + ",\"task\":" + task + "}"), headers);
		JsonNode answer = McpClient.messages(response).get(0);
		assertThat(answer.has("error")).as("error answer: %s", answer).isFalse();
		return answer.path("result");
	}

	private JsonNode get(McpClient client, String taskId) {
		return client.post(session, client.request("tasks/get", "{\"taskId\":\"" + taskId + "\"}"))
			.json()
			.path("result");
	}

	private void awaitStatus(McpClient client, String taskId, String status) {
		AtomicReference<String> seen = new AtomicReference<>();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			seen.set(get(client, taskId).path("status").asString());
			assertThat(seen.get()).isEqualTo(status);
		});
	}

}
