package io.mcpbridge.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.KafkaHeaders;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole worker path on real parts: an embedded KRaft broker, the Redis server on
 * 127.0.0.1:6379, home-sim subprocesses, and the worker started through
 * {@link WorkerApplication#builder()}.
 */
@ExtendWith(SharedBroker.class)
class WorkerIntegrationIT {

	private static final String NAMESPACE = SharedBroker.namespaceFor(WorkerIntegrationIT.class);

	private static final String UPSTREAM = RunningWorker.UPSTREAM;

	@TempDir
	static Path tmp;

	private static TestBroker kafka;

	private static Topics topics;

	private static ConfigurableApplicationContext worker;

	private static Path callLog;

	private String tenant;

	private String gatewayId;

	private RedisReplies replies;

	@BeforeAll
	static void startWorker(TestBroker broker) {
		assumeTrue(RedisReplies.reachable(), "Redis is not reachable on 127.0.0.1:6379: this test needs a real Redis "
				+ "(start one with: redis-server --port 6379)");
		kafka = broker;
		callLog = tmp.resolve("home-sim-calls.jsonl");
		worker = RunningWorker.start(kafka, NAMESPACE, RedisReplies.PORT, callLog);
		topics = RunningWorker.topics(worker);
	}

	@AfterAll
	static void stopWorker() {
		RunningWorker.stop(worker);
	}

	@BeforeEach
	void subscribeAsAFreshGateway() {
		tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
		gatewayId = "gw-" + UUID.randomUUID();
		replies = new RedisReplies(gatewayId);
	}

	@AfterEach
	void unsubscribe() {
		replies.close();
	}

	@Test
	void aToolCallIsAnsweredOnTheGatewaysChannelAndStoredUnderItsResultKey() {
		RequestEnvelope request = toolCall("get_entity_state", Map.of("entity_id", "light.kitchen"), 30_000);

		send(request);

		String json = replies.awaitJson(request.requestId(), Duration.ofSeconds(30));
		ReplyEnvelope reply = BridgeJson.mapper().readValue(json, ReplyEnvelope.class);
		assertThat(reply.isSuccess()).isTrue();
		assertThat(reply.worker()).isEqualTo("worker-it");
		assertThat(reply.result().get("isError").asBoolean()).isFalse();
		assertThat(reply.result().get("structuredContent").get("entity_id").asString()).isEqualTo("light.kitchen");
		String key = RedisKeys.result(tenant, request.requestId());
		assertThat(redis().opsForValue().get(key)).isEqualTo(json);
		assertThat(redis().getExpire(key)).isPositive();
		assertThat(worker.getBean(MeterRegistry.class)
			.get("mcp.worker.call.duration")
			.tags("upstream", UPSTREAM, "method", Methods.TOOLS_CALL, "outcome", "success")
			.timer()
			.count()).isPositive();
	}

	@Test
	void aRequestWhoseDeadlinePassedInTheQueueIsAnsweredButNeverExecuted() throws IOException {
		String marker = "light.expired_" + UUID.randomUUID().toString().substring(0, 8);
		RequestEnvelope expired = toolCall("get_entity_state", Map.of("entity_id", marker), -1_000);
		RequestEnvelope next = toolCall("get_entity_state", Map.of("entity_id", "light.porch"), 30_000);

		send(expired);
		send(next);

		ReplyEnvelope reply = replies.reply(expired.requestId());
		assertThat(reply.error().code()).isEqualTo(ErrorCode.TIMEOUT_IN_QUEUE);
		assertThat(replies.reply(next.requestId()).isSuccess()).isTrue();
		// The call log of home-sim records every executed tools/call: the next one is
		// there, the expired one not.
		String calls = Files.readString(callLog);
		assertThat(calls).contains("light.porch").doesNotContain(marker);
	}

	@Test
	void aGarbageRecordIsDeadLetteredAndTheNextRecordOfItsPartitionIsStillProcessed() {
		String garbage = "{not json " + UUID.randomUUID();
		RequestEnvelope next = toolCall("get_entity_state", Map.of("entity_id", "light.office"), 30_000);
		String topic = topics.requests(Priority.CRITICAL);

		send(new ProducerRecord<>(topic, 0, next.routingKey(), garbage));
		send(new ProducerRecord<>(topic, 0, next.routingKey(), json(next)));

		assertThat(replies.reply(next.requestId()).isSuccess()).isTrue();
		DeadLetter dead = DeadLetter.awaitValue(kafka, topics, garbage);
		assertThat(dead.header(KafkaHeaders.DLT_REASON)).startsWith("undecodable: ");
		assertThat(dead.header(KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
	}

	@Test
	void anUnknownToolIsRejectedWithTheUpstreamsJsonRpcCode() {
		RequestEnvelope request = toolCall("no_such_tool", Map.of(), 30_000);

		send(request);

		ReplyEnvelope reply = replies.reply(request.requestId());
		assertThat(reply.error().code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
		assertThat(reply.error().upstreamCode()).isEqualTo(-32602);
		assertThat(reply.error().message()).startsWith("Unknown tool");
		// home-sim's SDK names the tool in the error data, which is passed through as
		// well.
		assertThat(reply.error().upstreamData().asString()).contains("no_such_tool");
	}

	@Test
	void anUnknownUpstreamIsAnsweredAndDeadLettered() {
		RequestEnvelope request = new RequestEnvelope("req-" + UUID.randomUUID(), tenant, "s-1", "nowhere",
				Methods.TOOLS_LIST, null, null, Priority.HIGH, System.currentTimeMillis() + 30_000, gatewayId, null,
				null, System.currentTimeMillis());
		String value = json(request);

		send(new ProducerRecord<>(topics.requests(Priority.HIGH), request.routingKey(), value));

		assertThat(replies.reply(request.requestId()).error().code()).isEqualTo(ErrorCode.UNKNOWN_UPSTREAM);
		assertThat(DeadLetter.awaitValue(kafka, topics, value).header(KafkaHeaders.DLT_REASON))
			.isEqualTo("unknown_upstream: nowhere");
	}

	@Test
	void anUnsupportedMethodIsAnInvalidRequest() {
		RequestEnvelope request = request("sampling/createMessage", null, null, 30_000);

		send(request);

		ReplyEnvelope reply = replies.reply(request.requestId());
		assertThat(reply.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
		assertThat(reply.error().message()).contains("sampling/createMessage");
	}

	@Test
	void initializeAnswersWithTheUpstreamsOwnHandshake() {
		RequestEnvelope request = request(Methods.INITIALIZE, null, null, 30_000);

		send(request);

		JsonNode result = replies.reply(request.requestId()).result();
		assertThat(result.get("serverInfo").get("name").asString()).isEqualTo("home-sim");
		assertThat(result.get("protocolVersion").asString()).isNotBlank();
		assertThat(result.get("instructions").asString()).contains("simulated");
	}

	@Test
	void toolsListIsServedFromTheWorkersCacheAfterTheFirstCall() {
		RequestEnvelope first = request(Methods.TOOLS_LIST, null, null, 30_000);
		send(first);
		replies.reply(first.requestId());
		RequestEnvelope second = request(Methods.TOOLS_LIST, null, null, 30_000);

		send(second);

		ReplyEnvelope reply = replies.reply(second.requestId());
		assertThat(reply.cached()).isTrue();
		assertThat(reply.cacheExpiresEpochMs()).isGreaterThan(System.currentTimeMillis());
		assertThat(reply.result().get("tools").valueStream().map(tool -> tool.get("name").asString())).contains(
				"get_entities", "get_entity_state", "call_service", "get_services", "create_automation", "get_history");
	}

	@Test
	void probesAndPrometheusMetricsAreServedOnTheManagementPortNotTheTrafficPort() throws Exception {
		RequestEnvelope request = toolCall("get_entities", Map.of(), 30_000);
		send(request);
		replies.reply(request.requestId());
		String management = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.management.port");
		String traffic = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");

		HttpResponse<String> liveness = get(management + "/actuator/health/liveness");
		HttpResponse<String> readiness = get(management + "/actuator/health/readiness");
		HttpResponse<String> metrics = get(management + "/metrics");

		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("mcp_worker_call_duration_seconds_count{method=\"tools/call\"");
		assertThat(get(traffic + "/metrics").statusCode()).isEqualTo(404);
		assertThat(worker.getEnvironment().getProperty("local.management.port"))
			.isNotEqualTo(worker.getEnvironment().getProperty("local.server.port"));
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private RequestEnvelope toolCall(String tool, Map<String, Object> arguments, long deadlineInMs) {
		return request(Methods.TOOLS_CALL, tool, BridgeJson.mapper().valueToTree(arguments), deadlineInMs);
	}

	private RequestEnvelope request(String method, String tool, JsonNode arguments, long deadlineInMs) {
		long now = System.currentTimeMillis();
		String entity = arguments != null && arguments.has("entity_id") ? arguments.get("entity_id").asString() : null;
		return new RequestEnvelope("req-" + UUID.randomUUID(), tenant, "s-1", UPSTREAM, method, tool, arguments,
				Priority.CRITICAL, now + deadlineInMs, gatewayId, entity, null, now);
	}

	private static void send(RequestEnvelope request) {
		send(new ProducerRecord<>(topics.requests(request.priority()), request.routingKey(), json(request)));
	}

	@SuppressWarnings("unchecked")
	private static void send(ProducerRecord<String, String> record) {
		try {
			((KafkaTemplate<String, String>) worker.getBean(KafkaTemplate.class)).send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not produce " + record, ex);
		}
	}

	private static String json(RequestEnvelope request) {
		return BridgeJson.mapper().writeValueAsString(request);
	}

	private static StringRedisTemplate redis() {
		return worker.getBean(StringRedisTemplate.class);
	}

}
