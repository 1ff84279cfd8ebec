package io.mcpbridge.standalone;

import java.time.Duration;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's curl session through the whole path: gateway, a real Kafka broker, a
 * worker, home-sim as a real subprocess, replies through a real Redis.
 */
@ExtendWith(SharedStack.class)
class BackboneEndToEndIT {

	private BridgeHttp http;

	private String session;

	@BeforeEach
	void connect(StandaloneStack stack) {
		http = new BridgeHttp(stack.gatewayPort());
		session = http.initialize();
	}

	private Response call(String body, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "X-Session-ID";
		all[1] = session;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return http.post("/mcp/tools/call", body, all);
	}

	@Test
	void initializeReturnsTheUpstreamsServerInfoAndASession() {
		Response response = http.post("/mcp/initialize", "{\"protocolVersion\":\"2024-11-05\",\"id\":7}");
		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(body.path("id").asInt()).isEqualTo(7);
		assertThat(body.path("result").path("session_id").asString()).isNotBlank();
		assertThat(body.path("result").path("serverInfo").path("name").asString()).isNotBlank();
		assertThat(body.path("result").path("capabilities").has("tools")).isTrue();
	}

	@Test
	void toolsListShowsHomeSimsTools() {
		Response response = http.post("/mcp/tools/list", "{}", "X-Session-ID", session);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("tools").findValuesAsString("name")).contains("get_entities",
				"get_entity_state", "call_service", "get_services", "create_automation", "get_history");
		assertThat(response.json().has("cached")).isTrue();
	}

	@Test
	void theCurlSessionTurnsALightOn() {
		Response lights = call("{\"name\":\"get_entities\",\"arguments\":{\"domain\":\"light\"}}");
		assertThat(lights.status()).isEqualTo(200);
		assertThat(lights.body()).contains("light.living_room");

		Response turnOn = call("{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"turn_on\","
				+ "\"entity_id\":\"light.living_room\",\"data\":{\"brightness\":180}}}", "X-Priority", "HIGH");
		assertThat(turnOn.status()).isEqualTo(200);
		assertThat(turnOn.json().path("result").path("isError").asBoolean()).isFalse();

		Response state = call("{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.living_room\"}}");
		assertThat(state.status()).isEqualTo(200);
		JsonNode entity = state.json().path("result").path("structuredContent");
		assertThat(entity.toString()).contains("\"state\":\"on\"").contains("180");
	}

	@Test
	void aToolErrorOfTheUpstreamIsAResultWithIsError() {
		Response response = call("{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.nowhere\"}}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("result").path("isError").asBoolean()).isTrue();
	}

	@Test
	void anUnknownToolPassesTheUpstreamsErrorThrough() {
		Response response = call("{\"name\":\"no_such_tool\",\"arguments\":{}}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errorCode()).isEqualTo("UPSTREAM_REJECTED");
		assertThat(response.json().path("error").path("upstream_code").asInt()).isEqualTo(-32602);
		assertThat(response.json().path("error").path("upstream_data").toString()).contains("no_such_tool");
	}

	@Test
	void malformedJsonIs400() {
		Response response = call("{\"name\": \"get_entities\", ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errorCode()).isEqualTo("INVALID_REQUEST");
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
	}

	@Test
	void aMissingNameIs400() {
		Response response = call("{\"arguments\":{}}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("error").path("message").asString()).contains("name");
	}

	@Test
	void aMissingSessionIs404() {
		Response response = http.post("/mcp/tools/call", "{\"name\":\"get_entities\"}");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.errorCode()).isEqualTo("SESSION_ID_MISSING");
	}

	@Test
	void anUnknownSessionIs404() {
		Response response = http.post("/mcp/tools/list", "{}", "X-Session-ID", "no-such-session");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.errorCode()).isEqualTo("SESSION_NOT_FOUND");
	}

	@Test
	void aTimeoutIs504WithTheRequestIdAndTheRequestIsNeverExecuted(StandaloneStack stack) {
		Response response = call("{\"name\":\"call_service\",\"request_id\":\"e2e-timeout-" + System.nanoTime()
				+ "\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\",\"entity_id\":\"light.porch\"}}",
				"X-Timeout", "0.001");
		assertThat(response.status()).isEqualTo(504);
		assertThat(response.errorCode()).isEqualTo("TIMEOUT");
		String requestId = response.json().path("error").path("request_id").asString();
		assertThat(requestId).startsWith("e2e-timeout-");

		// The worker answers the expired request without executing it; its result key
		// says so.
		try (RedisResults results = new RedisResults(stack.redisPort())) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(results.get(RedisKeys.result("default", requestId)))
					.contains("TIMEOUT_IN_QUEUE"));
		}
	}

	@Test
	void anUnknownEndpointIsAJson404() {
		Response response = http.post("/mcp/nothing", "{}");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
	}

	@Test
	void healthListsKafkaAndRedis() {
		Response response = http.get("/health");
		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.path("status").asString()).isEqualTo("healthy");
		assertThat(body.path("dependencies").path("kafka").path("status").asString()).isEqualTo("ok");
		assertThat(body.path("dependencies").path("redis").path("status").asString()).isEqualTo("ok");
		assertThat(body.path("dependencies").path("kafka").has("error")).as("no error field when up").isFalse();
		assertThat(body.path("dependencies").path("kafka").path("response_time_ms").isNumber()).isTrue();
	}

	@Test
	void metricsServeTheRequestDurationHistogramWithTheSeedsBuckets(StandaloneStack stack) {
		call("{\"name\":\"get_entities\",\"arguments\":{}}");
		Response metrics = new BridgeHttp(stack.gatewayManagementPort()).get("/metrics");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("mcp_bridge_request_duration_seconds_bucket")
			.contains("le=\"0.1\"")
			.contains("le=\"2.5\"")
			.contains("le=\"10.0\"");
	}

	@Test
	void probesAreOnTheManagementPortAndTheTrafficPortKeepsOnlyTheSeedsHealth(StandaloneStack stack) {
		BridgeHttp management = new BridgeHttp(stack.gatewayManagementPort());
		BridgeHttp worker = new BridgeHttp(stack.workerPort());

		assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(worker.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(worker.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(stack.gatewayManagementPort()).isNotEqualTo(stack.gatewayPort());
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(404);
		assertThat(http.get("/metrics").status()).isEqualTo(404);
	}

	@Test
	void theWorkersMetricsShowItsPoolsByState(StandaloneStack stack) {
		call("{\"name\":\"get_entities\",\"arguments\":{}}");
		Response metrics = new BridgeHttp(stack.workerPort()).get("/metrics");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body())
			.containsPattern("mcp_worker_pool_processes\\{state=\"idle\",upstream=\"home\"} [1-9]")
			.containsPattern("mcp_worker_pool_calls_total\\{upstream=\"home\"} [1-9]")
			.contains("mcp_worker_pool_restarts_total{upstream=\"home\"}")
			.contains("mcp_worker_pool_waiting_calls{upstream=\"home\"}");
	}

	@Test
	void repliesAreValidJsonEnvelopes() {
		Response response = call("{\"name\":\"get_services\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(BridgeJson.mapper().readTree(response.body()).path("result").path("content").isArray()).isTrue();
	}

}
