package io.mcpbridge.standalone.mcp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The 2026-07-28 tasks extension (SEP-2663) through the whole bridge, with the
 * conformance fixture as upstream (it knows nothing of tasks; the standalone's policy
 * runs its long-running tools as tasks): the task is created through one gateway and
 * read, answered and cancelled through the other.
 */
class StatelessTasksIT {

	private static final String PATH = "/mcp/u/" + StandaloneStack.FIXTURE_UPSTREAM;

	/** Accepts tasks; its calls share the fixture's processes (nothing may be asked). */
	private static final String WITH_TASKS = "{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}";

	/** Accepts tasks and questions: each of its calls has a process to itself. */
	private static final String WITH_TASKS_AND_ELICITATION = "{\"elicitation\":{},"
			+ "\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":%s}";

	@RegisterExtension
	static final FixtureReplicas replicas = new FixtureReplicas();

	private static int nextId;

	@Test
	void aLongToolAnswersATaskWhoseResultTheOtherReplicaInlines() {
		JsonNode created = result(
				call(replicas.firstPort(), "slow_compute", "{\"seconds\":1,\"label\":\"it\"}", WITH_TASKS));

		assertThat(created.path("resultType").asString()).isEqualTo("task");
		assertThat(created.has("ttlMs") && created.has("pollIntervalMs")).isTrue();
		assertThat(created.has("ttl") || created.has("result")).isFalse();
		String taskId = created.path("taskId").asString();
		JsonNode done = awaitStatus(replicas.secondPort(), taskId, "completed");
		assertThat(done.at("/result/content/0/text").asString()).isEqualTo("Computed it in 1s");
	}

	@Test
	void aQuestionDuringATaskMakesItInputRequiredUntilTasksUpdateAnswersIt() {
		String taskId = result(
				call(replicas.firstPort(), "confirm_delete", "{\"filename\":\"a.txt\"}", WITH_TASKS_AND_ELICITATION))
			.path("taskId")
			.asString();

		JsonNode asking = awaitStatus(replicas.secondPort(), taskId, "input_required");
		assertThat(asking.at("/inputRequests/confirm/method").asString()).isEqualTo("elicitation/create");
		JsonNode ack = result(task(replicas.secondPort(), "tasks/update", taskId,
				",\"inputResponses\":{\"confirm\":{\"action\":\"accept\",\"content\":{\"confirm\":true}},"
						+ "\"unknown\":{\"ignored\":true}}",
				WITH_TASKS));

		assertThat(ack.propertyNames()).containsExactly("resultType");
		JsonNode done = awaitStatus(replicas.firstPort(), taskId, "completed");
		assertThat(done.at("/result/content/0/text").asString()).isEqualTo("Deleted a.txt");
	}

	@Test
	void aToolErrorCompletesAndAJsonRpcErrorFails() {
		String toolError = result(call(replicas.firstPort(), "failing_job", "{}", WITH_TASKS)).path("taskId")
			.asString();
		String protocolError = result(call(replicas.firstPort(), "protocol_error_job", "{}", WITH_TASKS)).path("taskId")
			.asString();

		assertThat(awaitStatus(replicas.secondPort(), toolError, "completed").at("/result/isError").asBoolean())
			.isTrue();
		JsonNode failed = awaitStatus(replicas.secondPort(), protocolError, "failed");
		assertThat(failed.at("/error/code").isInt()).isTrue();
		assertThat(failed.has("result")).isFalse();
	}

	@Test
	void aCancelledTaskSettlesCancelledAndCancellingAgainIsAcknowledged() {
		String taskId = result(call(replicas.firstPort(), "slow_compute", "{\"seconds\":60}", WITH_TASKS))
			.path("taskId")
			.asString();

		assertThat(result(task(replicas.secondPort(), "tasks/cancel", taskId, "", WITH_TASKS)).propertyNames())
			.containsExactly("resultType");
		assertThat(awaitStatus(replicas.firstPort(), taskId, "cancelled").has("error")).isFalse();
		assertThat(result(task(replicas.firstPort(), "tasks/cancel", taskId, "", WITH_TASKS)).path("resultType")
			.asString()).isEqualTo("complete");
	}

	@Test
	void aTaskThatOutlivesItsDeadlineFailsWithTheDeadlineError() {
		String taskId = result(
				call(replicas.firstPort(), "slow_compute", "{\"seconds\":20}", WITH_TASKS, "X-Timeout", "1"))
			.path("taskId")
			.asString();

		JsonNode failed = awaitStatus(replicas.secondPort(), taskId, "failed");
		// Expired while queued or while running, depending on the machine's load: a
		// deadline
		// error either way.
		assertThat(failed.at("/error/data/bridge_code").asString()).isIn("TIMEOUT", "TIMEOUT_IN_QUEUE");
	}

	@Test
	void withoutTheExtensionAToolRunsAtOnceAndARequiredOneIsRefusedWithTheCapabilityItNeeds() {
		JsonNode sync = result(call(replicas.firstPort(), "slow_compute", "{\"seconds\":0}", "{}"));
		assertThat(sync.path("resultType").asString()).isEqualTo("complete");
		assertThat(sync.has("taskId")).isFalse();

		BridgeHttp.Response refused = call(replicas.firstPort(), "failing_job", "{}", "{}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/error/code").asInt()).isEqualTo(-32021);
		assertThat(refused.json()
			.at("/error/data/requiredCapabilities/extensions/io.modelcontextprotocol~1tasks")
			.isObject()).isTrue();
		assertThat(task(replicas.firstPort(), "tasks/get", "any-task", "", "{}").json().at("/error/code").asInt())
			.isEqualTo(-32021);
	}

	@Test
	void aSyncToolWithALegacyTaskHintAnswersAtOnce() {
		JsonNode greeted = result(post(
				replicas.firstPort(), "tools/call", "{\"name\":\"greet\",\"arguments\":"
						+ "{\"name\":\"Ada\"},\"task\":{\"ttl\":60000}," + META.formatted(WITH_TASKS) + "}",
				"Mcp-Name", "greet"));

		assertThat(greeted.path("resultType").asString()).isEqualTo("complete");
		assertThat(greeted.at("/content/0/text").asString()).isEqualTo("Hello, Ada!");
	}

	@Test
	void unknownGarbageAndOverlongTaskIdsAreInvalidParamsAndTheRemovedMethodsAreNotFound() {
		for (String taskId : List.of("no-such-task", "a b", "x".repeat(129))) {
			assertThat(task(replicas.firstPort(), "tasks/get", taskId, "", WITH_TASKS).json().at("/error/code").asInt())
				.as(taskId)
				.isEqualTo(-32602);
		}
		assertThat(task(replicas.firstPort(), "tasks/result", "no-such-task", "", WITH_TASKS).json()
			.at("/error/code")
			.asInt()).isEqualTo(-32601);
		BridgeHttp.Response mismatch = post(replicas.firstPort(), "tasks/get",
				"{\"taskId\":\"t-1\"," + META.formatted(WITH_TASKS) + "}", "Mcp-Name", "t-2");
		assertThat(mismatch.json().at("/error/code").asInt()).isEqualTo(-32020);
	}

	private static JsonNode awaitStatus(int port, String taskId, String status) {
		AtomicReference<JsonNode> seen = new AtomicReference<>();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			JsonNode got = result(task(port, "tasks/get", taskId, "", WITH_TASKS));
			seen.set(got);
			assertThat(got.path("status").asString()).isEqualTo(status);
		});
		return seen.get();
	}

	private static JsonNode result(BridgeHttp.Response response) {
		List<JsonNode> messages = McpClient.messages(response);
		JsonNode answer = messages.get(messages.size() - 1);
		assertThat(answer.has("error")).as("error answer: %s", answer).isFalse();
		return answer.path("result");
	}

	private static BridgeHttp.Response call(int port, String tool, String arguments, String capabilities,
			String... headers) {
		String params = "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "," + META.formatted(capabilities)
				+ "}";
		String[] all = new String[headers.length + 2];
		all[0] = "Mcp-Name";
		all[1] = tool;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return post(port, "tools/call", params, all);
	}

	private static BridgeHttp.Response task(int port, String method, String taskId, String extraParams,
			String capabilities) {
		return post(port, method,
				"{\"taskId\":\"" + taskId + "\"" + extraParams + "," + META.formatted(capabilities) + "}", "Mcp-Name",
				taskId);
	}

	private static BridgeHttp.Response post(int port, String method, String params, String... headers) {
		String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (++nextId) + ",\"method\":\"" + method + "\",\"params\":"
				+ params + "}";
		String[] all = new String[headers.length + 6];
		System.arraycopy(new String[] { "Accept", McpClient.ACCEPT_BOTH, "MCP-Protocol-Version", "2026-07-28",
				"Mcp-Method", method }, 0, all, 0, 6);
		System.arraycopy(headers, 0, all, 6, headers.length);
		return new BridgeHttp(port).post(PATH, body, all);
	}

}
