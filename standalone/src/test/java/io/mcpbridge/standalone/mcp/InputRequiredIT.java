package io.mcpbridge.standalone.mcp;

import java.util.List;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2026-07-28 multi-round-trip requests through the whole bridge: the fixture upstream
 * asks the client mid-call (the 2025 way), the gateway answers with an input-required
 * result while the call waits in the worker, and the client's retry, on either gateway
 * replica, feeds the answer to the waiting process and gets what the call does next.
 */
class InputRequiredIT {

	private static final String PATH = "/mcp/u/" + StandaloneStack.FIXTURE_UPSTREAM;

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":%s}";

	private static final String ELICITATION_ONLY = "{\"elicitation\":{}}";

	@RegisterExtension
	static final FixtureReplicas replicas = new FixtureReplicas();

	private static int nextId;

	@Test
	void anElicitationAskedThroughOneGatewayIsAnsweredThroughTheOther() {
		JsonNode asked = call(replicas.firstPort(), "test_input_required_result_elicitation", ELICITATION_ONLY, "");

		assertThat(asked.path("resultType").asString()).isEqualTo("input_required");
		assertThat(asked.path("inputRequests").path("user_name").path("method").asString())
			.isEqualTo("elicitation/create");
		JsonNode done = call(replicas.secondPort(), "test_input_required_result_elicitation", ELICITATION_ONLY,
				retry(asked, "user_name", "{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}}"));

		assertThat(done.path("resultType").asString()).isEqualTo("complete");
		assertThat(done.path("content").get(0).path("text").asString()).isEqualTo("Hello, Alice!");
	}

	@Test
	void eachRoundOfAMultiRoundCallGetsItsOwnStateAndTheLastOneTheResult() {
		JsonNode first = call(replicas.firstPort(), "test_input_required_result_multi_round", ELICITATION_ONLY, "");
		JsonNode again = call(replicas.secondPort(), "test_input_required_result_multi_round", ELICITATION_ONLY,
				retry(first, "step1", "{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}}"));

		assertThat(again.path("resultType").asString()).isEqualTo("input_required");
		assertThat(again.path("inputRequests").has("step2")).isTrue();
		assertThat(again.path("requestState").asString()).isNotEqualTo(first.path("requestState").asString());
		JsonNode done = call(replicas.firstPort(), "test_input_required_result_multi_round", ELICITATION_ONLY,
				retry(again, "step2", "{\"action\":\"accept\",\"content\":{\"color\":\"blue\"}}"));

		assertThat(done.path("content").get(0).path("text").asString()).isEqualTo("Alice likes blue");
	}

	@Test
	void aTamperedStateIsRejectedAndLeavesTheCallWaitingForTheGenuineOne() {
		JsonNode asked = call(replicas.firstPort(), "test_input_required_result_tampered_state", ELICITATION_ONLY, "");
		String answer = "{\"action\":\"accept\",\"content\":{\"ok\":true}}";
		String tampered = ",\"inputResponses\":{\"confirm\":" + answer + "},\"requestState\":\""
				+ asked.path("requestState").asString() + "-TAMPERED\"";

		BridgeHttp.Response rejected = post(replicas.secondPort(), "test_input_required_result_tampered_state",
				ELICITATION_ONLY, tampered);

		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.json().path("error").path("code").asInt()).isEqualTo(-32602);
		JsonNode done = call(replicas.secondPort(), "test_input_required_result_tampered_state", ELICITATION_ONLY,
				retry(asked, "confirm", answer));
		assertThat(done.path("content").get(0).path("text").asString()).isEqualTo("confirmed=true");
	}

	@Test
	void aCallThatNeedsAnUndeclaredCapabilityFailsWithTheCapabilityItLacked() {
		BridgeHttp.Response refused = post(replicas.firstPort(), "test_missing_capability", "{}", "");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(-32021);
		assertThat(refused.json().path("error").path("data").path("requiredCapabilities").has("sampling")).isTrue();
	}

	/** The params a retry adds: the answer under {@code key} and the state echoed. */
	private static String retry(JsonNode asked, String key, String answer) {
		return ",\"inputResponses\":{\"" + key + "\":" + answer + "},\"requestState\":\""
				+ asked.path("requestState").asString() + "\"";
	}

	/** A stateless tools/call; the result of its one answer. */
	private static JsonNode call(int port, String tool, String capabilities, String extraParams) {
		List<JsonNode> messages = McpClient.messages(post(port, tool, capabilities, extraParams));
		JsonNode answer = messages.get(messages.size() - 1);
		assertThat(answer.has("error")).as("error answer: %s", answer).isFalse();
		return answer.path("result");
	}

	private static BridgeHttp.Response post(int port, String tool, String capabilities, String extraParams) {
		String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (++nextId) + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
				+ tool + "\",\"arguments\":{}," + META.formatted(capabilities) + extraParams + "}}";
		return new BridgeHttp(port).post(PATH, body, "Accept", McpClient.ACCEPT_BOTH, "MCP-Protocol-Version",
				"2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", tool);
	}

}
