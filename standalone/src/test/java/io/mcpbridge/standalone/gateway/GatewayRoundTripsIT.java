package io.mcpbridge.standalone.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
import io.mcpbridge.gateway.session.Session;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.RedisResults;
import io.mcpbridge.standalone.cache.OwnRedis;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many Redis round trips the gateway makes per call, counted with MONITOR on a
 * redis-server of this test's own (a script counts once: the commands it runs inside
 * Redis are not round trips). No worker runs: the test answers each request itself, by
 * PUBLISH on the gateway's reply channel (left out of the count), so every other command
 * counted is the gateway's.
 */
class GatewayRoundTripsIT {

	private static final String GATEWAY_ID = "gw-roundtrips";

	private static final int CALLS = 40;

	/**
	 * The gateway's default idle TTL: a session created with another costs an EXPIRE per
	 * Redis read.
	 */
	private static final Duration IDLE_TTL = Duration.ofMinutes(30);

	/**
	 * Background work of the gateway that may fall into a measurement (e.g. the session
	 * index sweep).
	 */
	private static final int SLACK = 1;

	private static ParkedKafka parked;

	private static OwnRedis ownRedis;

	private static ExtraGateway gateway;

	private static RedisResults redis;

	private static FakeWorker worker;

	private static String session;

	@BeforeAll
	static void start() {
		parked = new ParkedKafka();
		ownRedis = OwnRedis.startOnFreePort();
		// Long enough that no session refresh and no sweep of finished places falls into
		// a measurement:
		// those cost once per local-ttl and per release-delay, whatever the number of
		// calls.
		gateway = ExtraGateway.start(parked.bootstrap(), ownRedis.port, "bridge.gateway-id=" + GATEWAY_ID,
				"bridge.cache.redis.port=" + ownRedis.port, "bridge.sessions.local-ttl=60s",
				"bridge.queue.release-delay=60s");
		redis = new RedisResults(ownRedis.port);
		worker = new FakeWorker(parked.bootstrap(), redis);
		worker.start();
		session = "rt-session";
		Session stored = Session.start(session, "default", "home", null, "2025-06-18", System.currentTimeMillis(),
				IDLE_TTL.toMillis());
		redis.commands()
			.setex(RedisKeys.session("default", session), IDLE_TTL.toSeconds(),
					BridgeJson.mapper().writeValueAsString(stored));
	}

	@AfterAll
	static void stop() throws Exception {
		if (worker != null) {
			worker.close();
		}
		if (redis != null) {
			redis.close();
		}
		if (gateway != null) {
			gateway.close();
		}
		if (ownRedis != null) {
			ownRedis.close();
		}
		if (parked != null) {
			parked.close();
		}
	}

	@Test
	void anUncachedCallOnAWarmSessionCostsOneRoundTrip() throws Exception {
		call("call_service", "light.warmup"); // warms the session and the scripts
		Monitor monitor = new Monitor(ownRedis.port);

		for (int i = 0; i < CALLS; i++) {
			call("call_service", "light.bypass_" + i);
		}

		Map<String, Long> spent = report("write (bypass)", monitor.stop());
		assertThat(total(spent)).as("gateway commands for %d writes: %s", CALLS, spent)
			.isLessThanOrEqualTo(CALLS + SLACK);
		assertThat(spent).as("one admission script per call, carrying the previous call's release")
			.containsEntry("evalsha", (long) CALLS);
	}

	@Test
	void aCacheableMissCostsAtMostFourRoundTrips() throws Exception {
		call("get_entities", "light.warmup"); // warms the session, the scripts and the
		// versions' epoch
		Monitor monitor = new Monitor(ownRedis.port);

		for (int i = 0; i < CALLS; i++) {
			call("get_entities", "light.domain_" + i);
		}

		Map<String, Long> spent = report("cacheable miss", monitor.stop());
		assertThat(total(spent)).as("gateway commands for %d cache misses: %s", CALLS, spent)
			.isLessThanOrEqualTo(4L * CALLS + SLACK);
	}

	private static void call(String tool, String argument) {
		String body = "{\"name\":\"" + tool + "\",\"arguments\":{\"entity_id\":\"" + argument + "\",\"domain\":\""
				+ argument + "\"}}";
		Response response = gateway.http().post("/mcp/tools/call", body, "X-Session-ID", session, "X-Timeout", "10");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	/**
	 * The commands clients sent from now until {@link Monitor#stop()}, by name, as
	 * MONITOR shows them: commands a script runs inside Redis are listed as
	 * {@code [0 lua]} and are not round trips.
	 */
	private static final class Monitor {

		private final Socket socket;

		private final Map<String, Long> commands = new java.util.concurrent.ConcurrentHashMap<>();

		private final Thread reader;

		Monitor(int port) throws IOException {
			socket = new Socket("127.0.0.1", port);
			socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			if (!"+OK".equals(lines.readLine())) {
				throw new IllegalStateException("MONITOR refused");
			}
			reader = new Thread(() -> {
				try {
					String line;
					while ((line = lines.readLine()) != null) {
						count(line);
					}
				}
				catch (IOException closed) {
					// stop() closed the socket
				}
			}, "redis-monitor");
			reader.start();
		}

		private void count(String line) {
			int open = line.indexOf('[');
			int close = line.indexOf(']', open);
			if (open < 0 || close < 0 || line.substring(open, close).contains("lua")) {
				return;
			}
			int quote = line.indexOf('"', close);
			String name = line.substring(quote + 1, line.indexOf('"', quote + 1)).toLowerCase(java.util.Locale.ROOT);
			if (!name.equals("publish")) {
				commands.merge(name, 1L, Long::sum);
			}
		}

		Map<String, Long> stop() throws Exception {
			// MONITOR relays commands asynchronously: wait until the last call's
			// admission shows.
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> commands.values().stream().mapToLong(Long::longValue).sum() >= CALLS);
			socket.close();
			reader.join(5000);
			return Map.copyOf(commands);
		}

	}

	private static Map<String, Long> report(String kind, Map<String, Long> spent) {
		System.out.printf("gateway Redis commands per %s: %.2f %s%n", kind, (double) total(spent) / CALLS, spent);
		return spent;
	}

	private static long total(Map<String, Long> spent) {
		return spent.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Answers every request produced to the parked broker, the way a worker publishes a
	 * reply.
	 */
	private static final class FakeWorker extends Thread implements AutoCloseable {

		private final KafkaConsumer<String, String> consumer;

		private final RedisResults redis;

		private final AtomicBoolean running = new AtomicBoolean(true);

		FakeWorker(String bootstrap, RedisResults redis) {
			super("fake-worker");
			this.redis = redis;
			Map<String, Object> config = new HashMap<>();
			config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
			config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			this.consumer = new KafkaConsumer<>(config);
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : Topics.DEFAULT.allRequestTopics()) {
				consumer.partitionsFor(topic, Duration.ofSeconds(10))
					.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			consumer.assign(partitions);
			consumer.seekToEnd(partitions);
			partitions.forEach(consumer::position);
		}

		@Override
		public void run() {
			while (running.get()) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
					RequestEnvelope request = BridgeJson.mapper().readValue(record.value(), RequestEnvelope.class);
					String result = Methods.TOOLS_LIST.equals(request.method()) ? "{\"tools\":[]}"
							: "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}";
					ReplyEnvelope reply = ReplyEnvelope.success(request, BridgeJson.mapper().readTree(result), "fake");
					redis.commands()
						.publish(RedisKeys.replyChannel(request.replyTo()),
								BridgeJson.mapper().writeValueAsString(reply));
				}
			}
			consumer.close();
		}

		@Override
		public void close() throws InterruptedException {
			running.set(false);
			join(10_000);
		}

	}

}
