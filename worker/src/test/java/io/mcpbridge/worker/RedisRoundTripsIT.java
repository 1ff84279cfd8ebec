package io.mcpbridge.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.common.RequestEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How many round trips to Redis the worker makes per request, counted by Redis itself: a
 * redis-server of this test's own, whose {@code MONITOR} stream lists every command a
 * client sent (commands a script runs are marked {@code lua} there and are not round
 * trips). A warm worker answers an uncached call in 2: the admission script (stored
 * result? claim) and the reply script (store, publish, and a write's cache invalidation).
 */
@ExtendWith(SharedBroker.class)
class RedisRoundTripsIT {

	private static final String NAMESPACE = SharedBroker.namespaceFor(RedisRoundTripsIT.class);

	@TempDir
	static Path tmp;

	private static Process redisServer;

	private static int redisPort;

	private static ConfigurableApplicationContext worker;

	private static Monitor monitor;

	/**
	 * The test's own connection: MONITOR names its port, so its commands are not counted
	 * as the worker's.
	 */
	private static RawRedis own;

	@BeforeAll
	static void startWorkerOnItsOwnRedis(TestBroker kafka) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			redisPort = socket.getLocalPort();
		}
		redisServer = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		await().atMost(Duration.ofSeconds(10)).until(RedisRoundTripsIT::redisAccepts);
		// No status report during the test: its commands would be counted as the call's.
		worker = RunningWorker.start(kafka, NAMESPACE, redisPort, tmp.resolve("calls.jsonl"), "worker-rtt",
				"bridge.status.publish-interval=1h");
		own = new RawRedis(redisPort);
		monitor = new Monitor(redisPort, own.localPort());
		// Loads the scripts (the first use of each is an EVALSHA answered NOSCRIPT, then
		// an EVAL).
		awaitReply(send(toolCall("get_entity_state", Map.of("entity_id", "light.kitchen"), false)));
		awaitReply(send(toolCall("call_service",
				Map.of("domain", "light", "service", "turn_on", "entity_id", "light.kitchen"), true)));
	}

	@AfterAll
	static void stop() throws InterruptedException, IOException {
		if (monitor != null) {
			monitor.close();
		}
		if (own != null) {
			own.close();
		}
		RunningWorker.stop(worker);
		if (redisServer != null) {
			redisServer.destroy();
			if (!redisServer.waitFor(10, TimeUnit.SECONDS)) {
				redisServer.destroyForcibly();
			}
		}
	}

	@Test
	void anUncachedReadCostsTwoRoundTrips() {
		RequestEnvelope request = toolCall("get_entity_state", Map.of("entity_id", "light.porch"), false);

		ReplyEnvelope reply = awaitReply(send(request));

		assertThat(reply.isSuccess()).isTrue();
		assertThat(monitor.roundTripsOf(request)).containsExactly("evalsha", "evalsha");
	}

	@Test
	void aWriteWithItsCacheInvalidationCostsTwoRoundTrips() {
		RequestEnvelope request = toolCall("call_service",
				Map.of("domain", "light", "service", "turn_off", "entity_id", "light.porch"), true);

		ReplyEnvelope reply = awaitReply(send(request));

		assertThat(reply.isSuccess()).isTrue();
		assertThat(monitor.roundTripsOf(request)).containsExactly("evalsha", "evalsha");
		assertThat(own.command("HGET", RedisKeys.cacheVersions(request.tenant(), request.upstream()),
				CacheDependencies.entityField("light.porch")))
			.as("the write's entity was invalidated")
			.isNotNull();
		assertThat(monitor.scriptCommands()).contains("hincrby");
	}

	@Test
	void aRequestCancelledWhileQueuedIsAnsweredFromItsStoredResultInTwoRoundTripsAndNotExecuted() {
		RequestEnvelope request = toolCall("get_entity_state", Map.of("entity_id", "light.porch"), false);
		ReplyEnvelope cancelled = ReplyEnvelope.failure(request, ReplyError.of(ErrorCode.CANCELLED, "cancelled"),
				"gateway");
		String stored = BridgeJson.mapper().writeValueAsString(cancelled);
		own.command("SET", RedisKeys.result(request.tenant(), request.requestId()), stored, "PX", "60000");

		ReplyEnvelope reply = awaitReply(send(request));

		assertThat(reply.error().code()).isEqualTo(ErrorCode.CANCELLED);
		// The admission found the result; the second is the republish.
		assertThat(monitor.roundTripsOf(request)).containsExactly("evalsha", "publish");
		assertThat(own.command("EXISTS", RedisKeys.executing(request.tenant(), request.requestId())))
			.as("never claimed, so never executed")
			.isEqualTo("0");
	}

	private static RequestEnvelope toolCall(String tool, Map<String, Object> arguments, boolean write) {
		long now = System.currentTimeMillis();
		RequestEnvelope request = new RequestEnvelope("req-" + UUID.randomUUID(), "t-rtt", "s-1",
				RunningWorker.UPSTREAM, Methods.TOOLS_CALL, tool, BridgeJson.mapper().valueToTree(arguments),
				Priority.HIGH, now + 30_000, "gw-rtt", null, null, now);
		return write ? request.asWrite() : request;
	}

	private static RequestEnvelope send(RequestEnvelope request) {
		@SuppressWarnings("unchecked")
		KafkaTemplate<String, String> template = worker.getBean(KafkaTemplate.class);
		try {
			template
				.send(RunningWorker.topics(worker).requests(request.priority()), request.routingKey(),
						BridgeJson.mapper().writeValueAsString(request))
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return request;
	}

	/** The reply, once published, read from its result key (the source of truth). */
	private static ReplyEnvelope awaitReply(RequestEnvelope request) {
		await().atMost(Duration.ofSeconds(60)).until(() -> monitor.published(request));
		String json = own.command("GET", RedisKeys.result(request.tenant(), request.requestId()));
		return BridgeJson.mapper().readValue(json, ReplyEnvelope.class);
	}

	private static boolean redisAccepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 200);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

	/** Every command Redis receives, as {@code MONITOR} lists them. */
	private static final class Monitor implements AutoCloseable {

		private final Socket socket = new Socket();

		private final List<String> lines = new CopyOnWriteArrayList<>();

		private final Thread reader;

		private final String excludedClient;

		Monitor(int port, int excludedClientPort) throws IOException {
			this.excludedClient = "127.0.0.1:" + excludedClientPort + "]";
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			OutputStream out = socket.getOutputStream();
			out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			if (!"+OK".equals(in.readLine())) {
				throw new IllegalStateException("MONITOR refused");
			}
			reader = new Thread(() -> {
				try {
					String line;
					while ((line = in.readLine()) != null) {
						lines.add(line);
					}
				}
				catch (IOException closed) {
					// The test ended.
				}
			}, "redis-monitor");
			reader.setDaemon(true);
			reader.start();
		}

		/**
		 * The commands clients sent that name the request (its keys carry its id, its
		 * reply goes out with it), lower case, in order; commands run by scripts are left
		 * out. Waits until they settle.
		 */
		List<String> roundTripsOf(RequestEnvelope request) {
			// Anything the worker would still send about it comes right after the
			// publish.
			await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> published(request));
			return lines.stream()
				.filter(line -> line.contains(request.requestId()) && !isFromScript(line)
						&& !line.contains(excludedClient))
				.map(Monitor::command)
				.toList();
		}

		/** Commands that scripts ran, lower case. */
		List<String> scriptCommands() {
			return lines.stream().filter(Monitor::isFromScript).map(Monitor::command).toList();
		}

		boolean published(RequestEnvelope request) {
			return lines.stream()
				.anyMatch(line -> line.contains(request.requestId()) && !line.contains(excludedClient)
						&& "publish".equals(command(line)));
		}

		/**
		 * A line reads {@code 1700000000.123456 [0 127.0.0.1:5555] "EVALSHA" "..."}, or
		 * {@code [0 lua]} from a script.
		 */
		private static boolean isFromScript(String line) {
			return line.contains(" lua] ");
		}

		private static String command(String line) {
			int start = line.indexOf("] \"") + 3;
			return line.substring(start, line.indexOf('"', start)).toLowerCase(java.util.Locale.ROOT);
		}

		@Override
		public void close() {
			try {
				socket.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/**
	 * A minimal RESP client on a socket of its own: commands as arrays of bulk strings,
	 * simple replies.
	 */
	private static final class RawRedis implements AutoCloseable {

		private final Socket socket = new Socket();

		private final java.io.DataInputStream in;

		private final OutputStream out;

		RawRedis(int port) throws IOException {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
			out = socket.getOutputStream();
		}

		int localPort() {
			return socket.getLocalPort();
		}

		/**
		 * The reply as text: a bulk or simple string, an integer, or null for a nil bulk.
		 */
		synchronized String command(String... args) {
			try {
				StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
				for (String arg : args) {
					byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
					request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
				}
				out.write(request.toString().getBytes(StandardCharsets.UTF_8));
				out.flush();
				String line = readLine();
				return switch (line.charAt(0)) {
					case '+', ':' -> line.substring(1);
					case '$' -> {
						int length = Integer.parseInt(line.substring(1));
						if (length < 0) {
							yield null;
						}
						byte[] body = in.readNBytes(length + 2);
						yield new String(body, 0, length, StandardCharsets.UTF_8);
					}
					default -> throw new IllegalStateException("Redis answered " + line);
				};
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) != '\r') {
				if (b < 0) {
					throw new IOException("connection closed");
				}
				line.append((char) b);
			}
			in.read();
			return line.toString();
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}

	}

}
