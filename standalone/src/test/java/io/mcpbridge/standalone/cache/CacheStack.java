package io.mcpbridge.standalone.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.Topics;
import io.mcpbridge.gateway.GatewayApplication;
import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneWorker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A stack of its own for the cache tests: a Kafka broker nobody else produces to (so its
 * records can be counted), one worker whose home-sim logs every tool call, and two
 * gateway replicas. Replies go through the shared Redis on 6379; the cache lives on the
 * given port (6379, or a Redis a test may stop). A tenant of its own keeps its cache
 * entries apart from every other stack's.
 */
final class CacheStack implements AutoCloseable {

	static final int PARTITIONS = 4;

	private final EmbeddedKafkaKraftBroker kafka;

	private final Path callLog;

	private final Path homeState;

	private ConfigurableApplicationContext worker;

	private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

	final String tenant = "cache-" + System.nanoTime();

	private CacheStack(Path callLog, Path homeState) {
		this.kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
		this.kafka.afterPropertiesSet();
		this.callLog = callLog;
		this.homeState = homeState;
	}

	/**
	 * @param cacheRedisPort the cache's Redis
	 * @param homeLatencyMs latency of every home-sim call
	 * @param gatewaySettings more {@code name=value} settings of both gateways
	 */
	static CacheStack start(int cacheRedisPort, int homeLatencyMs, String... gatewaySettings) {
		CacheStack stack;
		try {
			stack = new CacheStack(Files.createTempFile("cache-calls-", ".jsonl"),
					Files.createTempFile("cache-home-", ".journal"));
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
		try {
			stack.worker = StandaloneWorker.builder().run(stack.workerArguments(cacheRedisPort, homeLatencyMs));
			for (int i = 0; i < 2; i++) {
				stack.gateways
					.add(GatewayApplication.builder().run(stack.gatewayArguments(cacheRedisPort, gatewaySettings)));
			}
			return stack;
		}
		catch (RuntimeException failure) {
			stack.close();
			throw failure;
		}
	}

	private String[] workerArguments(int cacheRedisPort, int homeLatencyMs) {
		List<String> home = HomeSimCommand.javaCommand("--latency-ms=" + homeLatencyMs, "--call-log=" + callLog,
				"--state-file=" + homeState);
		List<String> args = new ArrayList<>(common());
		args.addAll(List.of("--bridge.upstreams[0].name=home", "--bridge.upstreams[0].command=" + home.get(0),
				"--bridge.upstreams[0].pool.min=2", "--bridge.upstreams[0].pool.target=2",
				"--bridge.upstreams[0].pool.max=2", "--bridge.cache.port=" + cacheRedisPort));
		for (int i = 1; i < home.size(); i++) {
			args.add("--bridge.upstreams[0].args[" + (i - 1) + "]=" + home.get(i));
		}
		return args.toArray(String[]::new);
	}

	private String[] gatewayArguments(int cacheRedisPort, String... settings) {
		List<String> args = new ArrayList<>(common());
		args.addAll(List.of("--bridge.default-tenant=" + tenant, "--bridge.cache.redis.port=" + cacheRedisPort));
		for (String setting : settings) {
			args.add("--" + setting);
		}
		return args.toArray(String[]::new);
	}

	private List<String> common() {
		return List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379",
				"--bridge.kafka.partitions=" + PARTITIONS);
	}

	/** A gateway with a session of its own. */
	record Client(BridgeHttp http, String session) {

		BridgeHttp.Response call(String body, String... headers) {
			List<String> all = new ArrayList<>(List.of("X-Session-ID", session));
			all.addAll(List.of(headers));
			return http.post("/mcp/tools/call", body, all.toArray(String[]::new));
		}

		CompletableFuture<BridgeHttp.Response> callLater(String body) {
			return http.postLater("/mcp/tools/call", body, "X-Session-ID", session);
		}
	}

	/** A new session on a gateway (0 or 1). */
	Client client(int index) {
		BridgeHttp http = gateway(index);
		return new Client(http, http.initialize());
	}

	BridgeHttp gateway(int index) {
		return new BridgeHttp(((WebServerApplicationContext) gateways.get(index)).getWebServer().getPort());
	}

	/**
	 * Stops the worker: requests stay queued and time out (an upstream failure, for
	 * stale-if-error).
	 */
	void stopWorker() {
		worker.close();
	}

	/** How many tools/call of this tool with this entity home-sim executed. */
	long upstreamCalls(String tool, String entityId) {
		try {
			return Files.readAllLines(callLog)
				.stream()
				.filter(line -> line.contains("\"tool\":\"" + tool + "\"")
						&& line.contains("\"entity_id\":\"" + entityId + "\""))
				.count();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	/** Records on the request topics so far (the sum of their end offsets). */
	long requestRecords() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : Topics.DEFAULT.allRequestTopics()) {
				consumer.partitionsFor(topic, Duration.ofSeconds(10))
					.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	@Override
	public void close() {
		gateways.forEach(ConfigurableApplicationContext::close);
		if (worker != null && worker.isActive()) {
			worker.close();
		}
		kafka.destroy();
		try {
			Files.deleteIfExists(callLog);
			Files.deleteIfExists(homeState);
		}
		catch (IOException ignored) {
			// temp files; the OS cleans up
		}
	}

}
