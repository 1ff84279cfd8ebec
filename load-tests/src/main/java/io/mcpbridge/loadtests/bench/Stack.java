package io.mcpbridge.loadtests.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone stack (gateway, one worker with its home-sim pool, embedded Kafka,
 * Redis) started from its jar on free loopback ports, plus extra worker processes joining
 * its consumer group.
 */
final class Stack implements AutoCloseable {

	static final Pattern READY = Pattern
		.compile("mcp-bridge ready in .*: (http://\\S+) \\(kafka (\\S+), redis 127\\.0\\.0\\.1:(\\d+) (\\w+)");

	/**
	 * Spring Kafka's line (standalone's log config) or the Kafka client's (the worker's),
	 * once per join.
	 */
	private static final Pattern ASSIGNED = Pattern
		.compile("partitions assigned: |Notifying assignor about the new Assignment");

	private final LaunchedProcess standalone;

	private final URI baseUrl;

	private final String kafka;

	private final int redisPort;

	private final Path logDir;

	private final List<LaunchedProcess> workers = new ArrayList<>();

	private Stack(LaunchedProcess standalone, URI baseUrl, String kafka, int redisPort, Path logDir) {
		this.standalone = standalone;
		this.baseUrl = baseUrl;
		this.kafka = kafka;
		this.redisPort = redisPort;
		this.logDir = logDir;
	}

	/**
	 * Starts the standalone jar with a Redis of its own on a free port (a Redis shared
	 * with others would mix their load into the measures, and the stack starts a new
	 * cache epoch in it).
	 * @param extraArguments more standalone options, e.g.
	 * {@code --upstream.everything=<command line>}
	 */
	static Stack start(String name, Path jar, int homeLatencyMs, int poolSize, int partitions, Path logDir,
			List<String> extraArguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Bench.javaExecutable(), "-jar", jar.toAbsolutePath().toString(),
				"--port=" + freePort(), "--worker-port=" + freePort(), "--redis-port=" + freePort(),
				"--home-latency-ms=" + homeLatencyMs, "--pool-min=" + poolSize, "--pool-max=" + poolSize,
				"--partitions=" + partitions));
		command.addAll(extraArguments);
		LaunchedProcess process = LaunchedProcess.start(name, command, logDir);
		try {
			Matcher ready = process.awaitLine(READY, 1, Duration.ofSeconds(180));
			System.out.println("  " + name + ": " + ready.group(0));
			return new Stack(process, URI.create(ready.group(1)), ready.group(2), Integer.parseInt(ready.group(3)),
					logDir);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			process.close();
			throw ex;
		}
	}

	URI baseUrl() {
		return baseUrl;
	}

	/**
	 * The standalone JVM and all its descendants (upstream processes, its redis-server),
	 * and the extra workers.
	 */
	ProcessSet processes() {
		List<Long> roots = new ArrayList<>();
		roots.add(standalone.pid());
		workers.forEach(worker -> roots.add(worker.pid()));
		return ProcessSet.treesAndNamed(roots, List.of());
	}

	int workerCount() {
		return 1 + workers.size();
	}

	/**
	 * Starts one more worker process in the group and waits for its first assignment: all
	 * members of a group get theirs in the same generation, whatever the number of
	 * consumers a worker runs.
	 */
	void addWorker(Path workerJar, Path homeSimJar, int homeLatencyMs, int poolSize, int partitions, int concurrency)
			throws IOException, InterruptedException {
		addWorker(workerJar, homeSimJar, homeLatencyMs, poolSize, partitions, concurrency, List.of());
	}

	/**
	 * @param extraSettings more worker settings, e.g.
	 * {@code --bridge.upstreams[0].pool.max-concurrent-per-process=4}
	 */
	void addWorker(Path workerJar, Path homeSimJar, int homeLatencyMs, int poolSize, int partitions, int concurrency,
			List<String> extraSettings) throws IOException, InterruptedException {
		String id = "bench-worker-" + (workers.size() + 2);
		List<String> command = new ArrayList<>(List.of(Bench.javaExecutable(), "-jar",
				workerJar.toAbsolutePath().toString(), "--spring.kafka.bootstrap-servers=" + kafka,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort, "--server.port=0",
				"--bridge.worker.id=" + id, "--bridge.kafka.partitions=" + partitions,
				"--bridge.kafka.concurrency=" + concurrency, "--bridge.upstreams[0].name=home",
				"--bridge.upstreams[0].command=" + Bench.javaExecutable(), "--bridge.upstreams[0].args[0]=-jar",
				"--bridge.upstreams[0].args[1]=" + homeSimJar.toAbsolutePath(),
				"--bridge.upstreams[0].args[2]=--latency-ms=" + homeLatencyMs,
				"--bridge.upstreams[0].pool.auto-scale=false", "--bridge.upstreams[0].pool.min=" + poolSize,
				"--bridge.upstreams[0].pool.target=" + poolSize, "--bridge.upstreams[0].pool.max=" + poolSize));
		command.addAll(extraSettings);
		LaunchedProcess worker = LaunchedProcess.start(id, command, logDir);
		workers.add(worker);
		worker.awaitLine(ASSIGNED, 1, Duration.ofSeconds(180));
		System.out.println("  " + id + " joined the group (pid " + worker.pid() + ")");
	}

	@Override
	public void close() {
		for (int i = workers.size() - 1; i >= 0; i--) {
			workers.get(i).close();
		}
		standalone.close();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
