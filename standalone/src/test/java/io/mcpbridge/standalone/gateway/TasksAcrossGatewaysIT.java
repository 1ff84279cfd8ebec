package io.mcpbridge.standalone.gateway;

import java.time.Duration;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MCP tasks served by the fleet: a task created through gateway A is read, listed,
 * cancelled and fetched through gateway B, and outlives A. A is a replica whose Kafka no
 * worker consumes ({@link ParkedKafka}), so its task stays queued until the test forwards
 * the record to the stack's broker; B is a second replica on the stack's Kafka and Redis.
 */
@ExtendWith(SharedStack.class)
class TasksAcrossGatewaysIT {

	private static final String ACCEPT = "application/json, text/event-stream";

	private static ParkedKafka parked;

	private static ExtraGateway gatewayB;

	private BridgeHttp main;

	private Home home;

	private String session;

	private int nextId = 1;

	@BeforeAll
	static void startReplicas(StandaloneStack stack) {
		parked = new ParkedKafka();
		gatewayB = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort());
	}

	@AfterAll
	static void stopReplicas() {
		if (gatewayB != null) {
			gatewayB.close();
		}
		if (parked != null) {
			parked.close();
		}
	}

	@BeforeEach
	void connect(StandaloneStack stack) {
		main = new BridgeHttp(stack.gatewayPort());
		home = new Home(main, main.initialize());
		BridgeHttp.Response init = gatewayB.http()
			.post("/mcp",
					"{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
							+ "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}",
					"Accept", ACCEPT);
		assertThat(init.status()).as(init.toString()).isEqualTo(200);
		assertThat(init.json()
			.path("result")
			.path("capabilities")
			.path("tasks")
			.path("requests")
			.path("tools")
			.has("call")).as("the bridge announces its own tasks").isTrue();
		session = init.header("Mcp-Session-Id");
	}

	private JsonNode rpc(BridgeHttp gateway, String method, String params, String... headers) {
		return rpcAs(gateway, session, method, params, headers);
	}

	private JsonNode rpcAs(BridgeHttp gateway, String sessionId, String method, String params, String... headers) {
		String[] all = new String[headers.length + 6];
		System.arraycopy(
				new String[] { "Accept", ACCEPT, "Mcp-Session-Id", sessionId, "MCP-Protocol-Version", "2025-11-25" }, 0,
				all, 0, 6);
		System.arraycopy(headers, 0, all, 6, headers.length);
		BridgeHttp.Response response = gateway.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":" + (nextId++)
				+ ",\"method\":\"" + method + "\",\"params\":" + params + "}", all);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static String toggleAsTask() {
		return "{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\",\"entity_id\":\""
				+ Home.LIGHT + "\"},\"task\":{\"ttl\":120000}}";
	}

	private static String taskParams(String taskId) {
		return "{\"taskId\":\"" + taskId + "\"}";
	}

	/** A task-augmented toggle through a parked gateway: queued, not running. */
	private String parkedTask(ExtraGateway gatewayA) {
		JsonNode created = rpc(gatewayA.http(), "tools/call", toggleAsTask(), "X-Timeout", "120");
		JsonNode task = created.path("result").path("task");
		assertThat(task.path("status").asString()).as(created.toString()).isEqualTo("working");
		assertThat(task.path("ttl").asLong()).isEqualTo(120_000);
		assertThat(task.path("pollInterval").asLong()).isPositive();
		assertThat(task.path("createdAt").asString()).isNotBlank();
		assertThat(task.path("lastUpdatedAt").asString()).isNotBlank();
		String taskId = task.path("taskId").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !ParkedKafka.requestRecords(parked.bootstrap(), taskId).isEmpty());
		return taskId;
	}

	@Test
	void aTaskCreatedOnAIsPolledListedAndCancelledOnBAndNeverRuns(StandaloneStack stack) {
		int before = home.historyLength();
		String taskId;
		try (ExtraGateway gatewayA = ExtraGateway.start(parked.bootstrap(), stack.redisPort())) {
			taskId = parkedTask(gatewayA);
		}
		BridgeHttp b = gatewayB.http();

		assertThat(rpc(b, "tasks/get", taskParams(taskId)).path("result").path("status").asString())
			.isEqualTo("working");
		assertThat(rpc(b, "tasks/list", "{}").path("result").path("tasks").findValuesAsString("taskId"))
			.contains(taskId);
		assertThat(b.get("/mcp/requests/" + taskId).status()).as("the same request on the REST API").isEqualTo(202);
		String otherSession = gatewayB.http()
			.post("/mcp",
					"{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
							+ "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}",
					"Accept", ACCEPT)
			.header("Mcp-Session-Id");
		assertThat(rpcAs(b, otherSession, "tasks/get", taskParams(taskId)).path("error").path("code").asInt())
			.as("another session's task is unknown")
			.isEqualTo(-32602);

		JsonNode cancelled = rpc(b, "tasks/cancel", taskParams(taskId));
		assertThat(cancelled.path("result").path("status").asString()).as(cancelled.toString()).isEqualTo("cancelled");

		// The queued record reaches a worker now; a later toggle of the same light (same
		// key, same partition) is executed after it.
		parked.forward(taskId, stack.kafkaBootstrap());
		BridgeHttp.Response later = main.post("/mcp/tools/call", Home.toggle("it-after-" + System.nanoTime()),
				"X-Session-ID", main.initialize());
		assertThat(later.status()).as(later.toString()).isEqualTo(200);
		assertThat(home.historyLength()).as("the cancelled task never ran, the later toggle did").isEqualTo(before + 1);
		assertThat(rpc(b, "tasks/get", taskParams(taskId)).path("result").path("status").asString())
			.isEqualTo("cancelled");
		assertThat(rpc(b, "tasks/cancel", taskParams(taskId)).path("error").path("code").asInt())
			.as("a terminal task cannot be cancelled")
			.isEqualTo(-32602);
	}

	@Test
	void aTaskCompletesAfterItsGatewayStoppedAndItsResultIsFetchedOnB(StandaloneStack stack) {
		int before = home.historyLength();
		ExtraGateway gatewayA = ExtraGateway.start(parked.bootstrap(), stack.redisPort());
		String taskId;
		try {
			taskId = parkedTask(gatewayA);
		}
		finally {
			gatewayA.close();
		}
		parked.forward(taskId, stack.kafkaBootstrap());
		BridgeHttp b = gatewayB.http();

		// tasks/result waits until the task is terminal.
		JsonNode result = rpc(b, "tasks/result", taskParams(taskId));

		assertThat(result.path("result").path("isError").asBoolean(false)).as(result.toString()).isFalse();
		assertThat(result.path("result")
			.path("_meta")
			.path("io.modelcontextprotocol/related-task")
			.path("taskId")
			.asString()).isEqualTo(taskId);
		assertThat(rpc(b, "tasks/get", taskParams(taskId)).path("result").path("status").asString())
			.isEqualTo("completed");
		BridgeHttp.Response rest = b.get("/mcp/requests/" + taskId);
		assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
		assertThat(BridgeJson.mapper().readTree(rest.body()).path("result").has("content")).isTrue();
		assertThat(home.historyLength()).as("executed once, after A stopped").isEqualTo(before + 1);
	}

}
