package io.mcpbridge.standalone.trace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.TraceHeaders;
import io.mcpbridge.common.Topics;
import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneOptions;
import io.mcpbridge.standalone.StandaloneStack;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One request's trace across the real stack (gateway, embedded Kafka broker, worker,
 * home-sim subprocess, Redis): the client's {@code traceparent} is continued by the
 * gateway's request span, travels in the Kafka record's headers, is continued by the
 * worker around the upstream call, reaches home-sim in {@code params._meta} (its call
 * log), and comes back on the response. Spans are read from each app's in-memory exporter
 * ({@link KeptSpans}).
 */
class TracePropagationIT {

	private static final String UPSTREAM = "traced";

	@TempDir
	static Path tmp;

	private static StandaloneStack stack;

	private static BridgeHttp http;

	private static Path callLog;

	@BeforeAll
	static void startStack() throws Exception {
		callLog = tmp.resolve("calls.jsonl");
		StandaloneOptions options = new StandaloneOptions(0, 0, 6379, 0, 1, 1, 2);
		List<String> traced = StandaloneStack.upstream(StandaloneStack.upstreamCount(options), UPSTREAM,
				HomeSimCommand.javaCommand("--call-log=" + callLog), 1, 1);
		stack = StandaloneStack.start(options, traced);
		http = new BridgeHttp(stack.gatewayPort());
		// On a loaded machine the upstream's JVM may still be starting.
		await().atMost(Duration.ofSeconds(180)).until(() -> stack.upstreamStatus().get(UPSTREAM).live() > 0);
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aClientsTraceparentIsContinuedByTheGatewayPutOnTheRecordAndReturned() {
		String traceId = hex(16);
		String clientSpan = hex(8);
		String session = initialize();

		BridgeHttp.Response call = http.post("/mcp/tools/call",
				// A write: never answered from a cache, so it always reaches the worker
				// and home-sim.
				"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\","
						+ "\"entity_id\":\"light.kitchen\"}}",
				"X-Session-ID", session, TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + clientSpan + "-01",
				TraceHeaders.TRACESTATE, "vendor=abc");

		assertThat(call.status()).as(call.toString()).isEqualTo(200);
		String returned = call.header(TraceHeaders.TRACEPARENT);
		assertThat(TraceHeaders.traceId(returned)).as("the response's traceparent").isEqualTo(traceId);
		assertThat(returned).doesNotContain(clientSpan);

		List<SpanData> gateway = awaitSpans("mcp-bridge-gateway", traceId, List.of("gateway request"));
		SpanData request = named(gateway, "gateway request");
		assertThat(request.getParentSpanId()).isEqualTo(clientSpan);
		assertThat(returned).isEqualTo("00-" + traceId + "-" + request.getSpanId() + "-01");

		// One read of the topics may return only part of their records: read until it is
		// there. The record carries the request's trace, sampled; its span is the gateway
		// request's or a child of it (the span current where the envelope is stamped).
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(traceparentsOnTheQueue())
				.anyMatch(header -> header.startsWith("00-" + traceId + "-") && header.endsWith("-01")));
	}

	/**
	 * The worker's half: spans around the upstream call, children of the gateway's
	 * request span, and the upstream call's context in {@code params._meta}.
	 */
	@Test
	void theWorkerContinuesTheTraceAroundTheUpstreamCallAndPassesItInMeta() {
		String traceId = hex(16);
		String session = initialize();
		BridgeHttp.Response call = http.post("/mcp/tools/call",
				"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\","
						+ "\"entity_id\":\"light.kitchen\"}}",
				"X-Session-ID", session, TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + hex(8) + "-01",
				TraceHeaders.TRACESTATE, "vendor=abc");
		assertThat(call.status()).as(call.toString()).isEqualTo(200);
		awaitSpans("mcp-bridge-gateway", traceId, List.of("gateway request"));
		JsonNode meta = await().atMost(Duration.ofSeconds(30))
			.until(() -> metaOfCallWithTrace(traceId), Optional::isPresent)
			.get();
		assertThat(meta.path(TraceHeaders.TRACESTATE).asString()).isEqualTo("vendor=abc");

		List<SpanData> worker = awaitSpans("mcp-bridge-worker", traceId,
				List.of("queue wait", "worker execution", "upstream call", "reply"));
		SpanData execution = named(worker, "worker execution");
		// The worker's spans continue the context stamped into the envelope: the gateway
		// request's span or a child of it (the span current where the envelope is
		// stamped).
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(KeptSpans.of("mcp-bridge-gateway").ofTrace(traceId))
				.extracting(SpanData::getSpanId)
				.contains(execution.getParentSpanId()));
		assertThat(named(worker, "queue wait").getParentSpanId()).isEqualTo(execution.getParentSpanId());
		SpanData upstreamCall = named(worker, "upstream call");
		assertThat(upstreamCall.getParentSpanId()).isEqualTo(execution.getSpanId());
		assertThat(named(worker, "reply").getParentSpanId()).isEqualTo(execution.getSpanId());

		assertThat(meta.path(TraceHeaders.TRACEPARENT).asString())
			.isEqualTo("00-" + traceId + "-" + upstreamCall.getSpanId() + "-01");
	}

	@Test
	void aRequestWithoutTraceparentStartsATraceAndReturnsIt() {
		BridgeHttp.Response initialize = http.post("/mcp/initialize",
				"{\"upstream\":\"" + UPSTREAM + "\",\"clientInfo\":{\"name\":\"trace\",\"version\":\"1\"}}");

		assertThat(initialize.status()).as(initialize.toString()).isEqualTo(200);
		assertThat(TraceHeaders.isValidTraceparent(initialize.header(TraceHeaders.TRACEPARENT))).isTrue();
	}

	@Test
	void anInvalidTraceparentIsNotContinued() {
		BridgeHttp.Response initialize = http.post("/mcp/initialize",
				"{\"upstream\":\"" + UPSTREAM + "\",\"clientInfo\":{\"name\":\"trace\",\"version\":\"1\"}}",
				TraceHeaders.TRACEPARENT, "00-" + "0".repeat(32) + "-" + hex(8) + "-01");

		assertThat(initialize.status()).as(initialize.toString()).isEqualTo(200);
		String returned = initialize.header(TraceHeaders.TRACEPARENT);
		assertThat(TraceHeaders.isValidTraceparent(returned)).as(returned).isTrue();
	}

	@Test
	void theMcpEndpointContinuesAndReturnsTheTraceToo() {
		String traceId = hex(16);
		BridgeHttp.Response initialize = http.post("/mcp/u/" + UPSTREAM, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
				"capabilities":{},"clientInfo":{"name":"trace","version":"1"}}}""", "Accept",
				"application/json, text/event-stream", TraceHeaders.TRACEPARENT,
				"00-" + traceId + "-" + hex(8) + "-01");

		assertThat(initialize.status()).as(initialize.toString()).isEqualTo(200);
		assertThat(TraceHeaders.traceId(initialize.header(TraceHeaders.TRACEPARENT))).isEqualTo(traceId);
		assertThat(awaitSpans("mcp-bridge-gateway", traceId, List.of("gateway request"))).isNotEmpty();
	}

	private static String initialize() {
		BridgeHttp.Response response = http.post("/mcp/initialize",
				"{\"upstream\":\"" + UPSTREAM + "\",\"clientInfo\":{\"name\":\"trace\",\"version\":\"1\"}}");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().path("result").path("session_id").asString();
	}

	private static List<SpanData> awaitSpans(String application, String traceId, List<String> names) {
		// Spans leave the SDK in batches (every 5 s by default).
		return await().atMost(Duration.ofSeconds(60))
			.alias(application + " spans of trace " + traceId + "; all kept: " + KeptSpans.describe())
			.until(() -> KeptSpans.of(application).ofTrace(traceId),
					spans -> spans.stream().map(SpanData::getName).toList().containsAll(names));
	}

	private static SpanData named(List<SpanData> spans, String name) {
		return spans.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	private static Optional<JsonNode> metaOfCallWithTrace(String traceId) throws Exception {
		if (!Files.exists(callLog)) {
			return Optional.empty();
		}
		for (String line : Files.readAllLines(callLog)) {
			JsonNode meta = BridgeJson.mapper().readTree(line).path("meta");
			if (meta.path(TraceHeaders.TRACEPARENT).asString("").contains(traceId)) {
				return Optional.of(meta);
			}
		}
		return Optional.empty();
	}

	/** The traceparent header of every record on the request topics so far. */
	private static List<String> traceparentsOnTheQueue() {
		Properties settings = new Properties();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
		settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		List<String> found = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : Topics.DEFAULT.allRequestTopics()) {
				consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long deadline = System.currentTimeMillis() + 30_000;
			while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
					&& System.currentTimeMillis() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					Header header = record.headers().lastHeader(TraceHeaders.TRACEPARENT);
					if (header != null) {
						found.add(new String(header.value(), StandardCharsets.US_ASCII));
					}
				}
			}
		}
		return found;
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
