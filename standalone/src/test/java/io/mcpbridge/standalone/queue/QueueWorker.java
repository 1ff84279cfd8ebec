package io.mcpbridge.standalone.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.standalone.StandaloneWorker;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a worker with home-sim as upstream "home", in this JVM or as a separate process.
 */
public final class QueueWorker {

	static final String UPSTREAM = "home";

	static final int PARTITIONS = 4;

	private QueueWorker() {
	}

	static ConfigurableApplicationContext inProcess(QueueLane lane, String id, Path callLog, int latencyMs,
			int poolSize) {
		return inProcess(lane, id, callLog, latencyMs, poolSize, 1);
	}

	/**
	 * @param perProcess calls one home-sim process runs at once; the queue tests that
	 * measure the scheduler against the pool's capacity use 1, whose bounds they assume
	 */
	static ConfigurableApplicationContext inProcess(QueueLane lane, String id, Path callLog, int latencyMs,
			int poolSize, int perProcess) {
		return StandaloneWorker.builder().run(arguments(lane, id, callLog, latencyMs, poolSize, perProcess));
	}

	/**
	 * A worker JVM of its own, so that it can be killed without any graceful shutdown.
	 */
	/**
	 * @param settings more {@code name=value} settings (none of those set here)
	 */
	public static Process subprocess(QueueLane lane, String id, Path callLog, int latencyMs, int poolSize, Path output,
			String... settings) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
						System.getProperty("java.class.path"), StandaloneWorker.class.getName()));
		command.addAll(List.of(arguments(lane, id, callLog, latencyMs, poolSize, 1)));
		for (String setting : settings) {
			command.add("--" + setting);
		}
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	private static String[] arguments(QueueLane lane, String id, Path callLog, int latencyMs, int poolSize,
			int perProcess) {
		List<String> home = HomeSimCommand.javaCommand("--latency-ms=" + latencyMs, "--call-log=" + callLog);
		List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + lane.bootstrap(),
				lane.namespaceSetting(), "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379",
				"--server.port=0", "--bridge.worker.id=" + id, "--bridge.kafka.partitions=" + PARTITIONS,
				"--bridge.kafka.concurrency=1",
				// A killed worker's partitions move after 6 s (the broker's minimum), not
				// the default 45 s.
				"--spring.kafka.consumer.properties.session.timeout.ms=6000",
				"--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
				"--bridge.upstreams[0].name=" + UPSTREAM, "--bridge.upstreams[0].command=" + home.get(0),
				"--bridge.upstreams[0].pool.auto-scale=false", "--bridge.upstreams[0].pool.min=" + poolSize,
				"--bridge.upstreams[0].pool.target=" + poolSize, "--bridge.upstreams[0].pool.max=" + poolSize,
				"--bridge.upstreams[0].pool.max-concurrent-per-process=" + perProcess,
				"--bridge.upstreams[0].call-timeout=30s"));
		for (int i = 1; i < home.size(); i++) {
			args.add("--bridge.upstreams[0].args[" + (i - 1) + "]=" + home.get(i));
		}
		return args.toArray(String[]::new);
	}

}
