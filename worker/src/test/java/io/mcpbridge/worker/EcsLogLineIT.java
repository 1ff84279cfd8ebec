package io.mcpbridge.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.TraceHeaders;
import io.mcpbridge.common.Topics;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The worker as its container image runs it
 * ({@code logging.structured.format.console=ecs}, what the Dockerfile sets), on real
 * parts (broker, Redis, home-sim): a request's log line is one ECS JSON object carrying
 * the request's trace id (continued from the envelope), request id and tenant; and the
 * upstream receives that trace in {@code params._meta}.
 */
@ExtendWith({ SharedBroker.class, OutputCaptureExtension.class })
class EcsLogLineIT {

	private static final String NAMESPACE = SharedBroker.namespaceFor(EcsLogLineIT.class);

	@TempDir
	static Path tmp;

	private static ConfigurableApplicationContext worker;

	private static Topics topics;

	private static Path callLog;

	@BeforeAll
	static void startWorker(TestBroker kafka) {
		assumeTrue(RedisReplies.reachable(), "Redis is not reachable on 127.0.0.1:6379: this test needs a real Redis "
				+ "(start one with: redis-server --port 6379)");
		callLog = tmp.resolve("home-sim-calls.jsonl");
		worker = RunningWorker.start(kafka, NAMESPACE, RedisReplies.PORT, callLog, "worker-ecs",
				"logging.structured.format.console=ecs", "logging.level.io.mcpbridge.worker.consume=DEBUG");
		topics = RunningWorker.topics(worker);
	}

	@AfterAll
	static void stopWorker() {
		RunningWorker.stop(worker);
	}

	@Test
	void aRequestsLogLineIsEcsJsonWithItsTraceIdRequestIdAndTenant(CapturedOutput output) {
		String traceId = hex(16);
		RequestEnvelope request = answered(traceId);

		JsonNode line = await().atMost(Duration.ofSeconds(10))
			.until(() -> answeredLine(output.getOut(), request.requestId()), Optional::isPresent)
			.get();
		assertThat(line.path("@timestamp").asString()).isNotBlank();
		assertThat(line.path("log").path("level").asString()).isEqualTo("DEBUG");
		assertThat(line.path("log").path("logger").asString()).startsWith("io.mcpbridge.worker.");
		assertThat(line.path("process").path("pid").isIntegralNumber()).isTrue();
		assertThat(line.path("process").path("thread").path("name").asString()).isNotBlank();
		assertThat(line.path("service").path("name").asString()).isEqualTo("mcp-bridge-worker");
		assertThat(line.path("ecs").path("version").asString()).isNotBlank();
		assertThat(line.path("message").asString()).contains(request.requestId());
		assertThat(line.path("traceId").asString()).as(line.toString()).isEqualTo(traceId);
		assertThat(line.path("request_id").asString()).isEqualTo(request.requestId());
		assertThat(line.path("tenant").asString()).isEqualTo(request.tenant());
	}

	@Test
	void theUpstreamCallCarriesTheRequestsTraceInMeta() {
		String traceId = hex(16);
		answered(traceId);

		JsonNode meta = await().atMost(Duration.ofSeconds(10))
			.until(() -> metaWithTrace(traceId), Optional::isPresent)
			.get();
		String traceparent = meta.path(TraceHeaders.TRACEPARENT).asString();
		assertThat(TraceHeaders.isValidTraceparent(traceparent)).as(traceparent).isTrue();
		// The upstream call's own span, a child in the request's trace, sampled.
		assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-01");
		assertThat(meta.path(TraceHeaders.TRACESTATE).asString()).isEqualTo("vendor=ecs");
	}

	/** A traced call, sent and answered. */
	private static RequestEnvelope answered(String traceId) {
		String gateway = "gw-" + UUID.randomUUID();
		RequestEnvelope request = tracedCall(traceId, gateway);
		try (RedisReplies replies = new RedisReplies(gateway)) {
			send(request);
			replies.awaitJson(request.requestId(), Duration.ofSeconds(30));
		}
		return request;
	}

	/**
	 * A write (never cached), carrying a sampled W3C context as the gateway stamps it.
	 */
	private static RequestEnvelope tracedCall(String traceId, String gateway) {
		long now = System.currentTimeMillis();
		JsonNode arguments = BridgeJson.mapper()
			.valueToTree(Map.of("domain", "light", "service", "toggle", "entity_id", "light.kitchen"));
		return new RequestEnvelope("req-" + UUID.randomUUID(), "t-" + UUID.randomUUID().toString().substring(0, 8),
				"s-1", RunningWorker.UPSTREAM, Methods.TOOLS_CALL, "call_service", arguments, Priority.MEDIUM,
				now + 30_000, gateway, "light.kitchen", Map.of(TraceHeaders.TRACEPARENT,
						"00-" + traceId + "-" + hex(8) + "-01", TraceHeaders.TRACESTATE, "vendor=ecs"),
				now);
	}

	/** The worker's DEBUG line about the request's answer, parsed. */
	private static Optional<JsonNode> answeredLine(String out, String requestId) {
		for (String text : out.split("\\R")) {
			if (text.startsWith("{") && text.contains("\"request_id\":\"" + requestId + "\"")
					&& text.contains("answered")) {
				return Optional.of(BridgeJson.mapper().readTree(text));
			}
		}
		return Optional.empty();
	}

	private static Optional<JsonNode> metaWithTrace(String traceId) throws Exception {
		if (!Files.exists(callLog)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(callLog);
		for (String line : lines) {
			JsonNode meta = BridgeJson.mapper().readTree(line).path("meta");
			if (meta.path(TraceHeaders.TRACEPARENT).asString("").contains(traceId)) {
				return Optional.of(meta);
			}
		}
		return Optional.empty();
	}

	@SuppressWarnings("unchecked")
	private static void send(RequestEnvelope request) {
		try {
			((KafkaTemplate<String, String>) worker.getBean(KafkaTemplate.class))
				.send(new ProducerRecord<>(topics.requests(request.priority()), request.routingKey(),
						BridgeJson.mapper().writeValueAsString(request)))
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not produce " + request.requestId(), ex);
		}
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
