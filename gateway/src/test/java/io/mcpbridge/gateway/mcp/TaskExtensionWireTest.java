package io.mcpbridge.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.gateway.task.Task;
import io.mcpbridge.gateway.task.TaskStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class TaskExtensionWireTest {

	private final Task working = Task.working("t-1", "acme", null, "slow_compute", 0L, 60_000, 1000, 30_000);

	private static ReplyEnvelope success(String resultJson) {
		return new ReplyEnvelope("t-1", "acme", BridgeJson.mapper().readTree(resultJson), null, "w", 5L, false, null);
	}

	private static ReplyEnvelope failure(ErrorCode code) {
		return new ReplyEnvelope("t-1", "acme", null, ReplyError.of(code, "why"), "w", 5L, false, null);
	}

	@Test
	void theCreateResultIsFlatWithDurationsInMillisecondsAndNoOutcome() {
		JsonNode created = TaskExtensionWire.created(working);

		assertThat(created.propertyNames()).containsExactlyInAnyOrder("resultType", "taskId", "status", "createdAt",
				"lastUpdatedAt", "ttlMs", "pollIntervalMs");
		assertThat(created.get("resultType").asString()).isEqualTo("task");
		assertThat(created.get("status").asString()).isEqualTo("working");
		assertThat(created.get("ttlMs").asLong()).isEqualTo(60_000);
		assertThat(created.get("pollIntervalMs").asLong()).isEqualTo(1000);
	}

	@Test
	void aWorkingTaskIsCompleteAsAResponseAndCarriesNoOutcome() {
		JsonNode got = TaskExtensionWire.detailed(working, Map.of());

		assertThat(got.get("resultType").asString()).isEqualTo("complete");
		assertThat(got.get("status").asString()).isEqualTo("working");
		assertThat(got.has("result") || got.has("error") || got.has("inputRequests")).isFalse();
	}

	@Test
	void aQuestionThatWaitsMakesTheTaskInputRequiredWithTheRequestByKey() {
		Map<String, RequestState.Input> pending = new LinkedHashMap<>();
		pending.put("confirm", new RequestState.Input("in-1",
				BridgeJson.mapper().readTree("{\"method\":\"elicitation/create\",\"params\":{\"message\":\"ok?\"}}")));

		JsonNode got = TaskExtensionWire.detailed(working, pending);

		assertThat(got.get("status").asString()).isEqualTo("input_required");
		assertThat(got.at("/inputRequests/confirm/method").asString()).isEqualTo("elicitation/create");
		assertThat(got.has("requestState")).isFalse();
	}

	@Test
	void aCompletedTaskInlinesTheResultWithoutTheRelatedTaskMetadata() {
		Task done = working.finished(TaskStatus.COMPLETED, null, success("{\"content\":[{\"type\":\"text\"}]}"), 5L);

		JsonNode got = TaskExtensionWire.detailed(done, Map.of());

		assertThat(got.get("status").asString()).isEqualTo("completed");
		assertThat(got.at("/result/content").size()).isEqualTo(1);
		assertThat(got.at("/result/_meta").isMissingNode()).isTrue();
		assertThat(got.has("error")).isFalse();
	}

	@Test
	void aToolThatReportedAnErrorCompletedWithItsResult() {
		Task toolError = working.finished(TaskStatus.FAILED, "the tool reported an error",
				success("{\"content\":[],\"isError\":true}"), 5L);

		JsonNode got = TaskExtensionWire.detailed(toolError, Map.of());

		assertThat(got.get("status").asString()).isEqualTo("completed");
		assertThat(got.at("/result/isError").asBoolean()).isTrue();
	}

	@Test
	void aJsonRpcErrorFailsTheTaskWithTheErrorInlinedAndNoResult() {
		Task failed = working.finished(TaskStatus.FAILED, "why", failure(ErrorCode.TIMEOUT), 5L);

		JsonNode got = TaskExtensionWire.detailed(failed, Map.of());

		assertThat(got.get("status").asString()).isEqualTo("failed");
		assertThat(got.at("/error/code").isInt()).isTrue();
		assertThat(got.at("/error/message").asString()).isEqualTo("why");
		assertThat(got.at("/error/data/bridge_code").asString()).isEqualTo("TIMEOUT");
		assertThat(got.has("result")).isFalse();
	}

	@Test
	void aCancelledTaskCarriesNeitherResultNorError() {
		Task cancelled = working.finished(TaskStatus.CANCELLED, "cancelled", failure(ErrorCode.CANCELLED), 5L);

		JsonNode got = TaskExtensionWire.detailed(cancelled, Map.of());

		assertThat(got.get("status").asString()).isEqualTo("cancelled");
		assertThat(got.has("result") || got.has("error")).isFalse();
	}

	@Test
	void acknowledgementsCarryNoTaskFields() {
		assertThat(TaskExtensionWire.ack().propertyNames()).containsExactly("resultType");
	}

	@Test
	void onlyARequestThatDeclaresTheExtensionAcceptsTasks() {
		assertThat(TaskExtensionWire.accepted(BridgeJson.mapper().readTree("""
				{"_meta":{"io.modelcontextprotocol/clientCapabilities":
				{"extensions":{"io.modelcontextprotocol/tasks":{}}}}}"""))).isTrue();
		assertThat(TaskExtensionWire.accepted(BridgeJson.mapper()
			.readTree("{\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}}"))).isFalse();
		assertThat(TaskExtensionWire.accepted(null)).isFalse();
		assertThat(TaskExtensionWire.requiredCapabilities()
			.at("/requiredCapabilities/extensions/io.modelcontextprotocol~1tasks")
			.isObject()).isTrue();
	}

}
