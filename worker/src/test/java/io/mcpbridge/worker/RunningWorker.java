package io.mcpbridge.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.common.Topics;

import org.springframework.context.ConfigurableApplicationContext;
import io.mcpbridge.testbroker.TestBroker;

/**
 * Starts the worker as production does ({@link WorkerApplication#builder()}), with
 * home-sim as upstream "home".
 */
final class RunningWorker {

	static final String UPSTREAM = "home";

	private RunningWorker() {
	}

	/**
	 * Command-line arguments: they outrank worker.yaml, so the upstream list replaces the
	 * shipped one.
	 */
	static ConfigurableApplicationContext start(TestBroker kafka, String namespace, int redisPort, Path callLog) {
		return start(kafka, namespace, redisPort, callLog, "worker-it");
	}

	/**
	 * @param namespace the test class's {@code bridge.namespace}, as it shares the broker
	 * with other classes ({@link io.mcpbridge.testbroker.SharedBroker#namespaceFor})
	 * @param settings more {@code name=value} settings (none of those set here)
	 */
	static ConfigurableApplicationContext start(TestBroker kafka, String namespace, int redisPort, Path callLog,
			String workerId, String... settings) {
		List<String> command = HomeSimCommand.javaCommand("--call-log=" + callLog);
		List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.data.redis.host=" + RedisReplies.HOST, "--spring.data.redis.port=" + redisPort,
				"--server.port=0", "--bridge.namespace=" + namespace, "--bridge.worker.id=" + workerId,
				"--bridge.kafka.partitions=3", "--bridge.kafka.concurrency=2", "--bridge.upstreams[0].name=" + UPSTREAM,
				"--bridge.upstreams[0].command=" + command.get(0), "--bridge.upstreams[0].pool.auto-scale=false",
				"--bridge.upstreams[0].pool.target=2", "--bridge.upstreams[0].call-timeout=10s"));
		for (int i = 1; i < command.size(); i++) {
			args.add("--bridge.upstreams[0].args[" + (i - 1) + "]=" + command.get(i));
		}
		for (String setting : settings) {
			args.add("--" + setting);
		}
		return WorkerApplication.builder().run(args.toArray(String[]::new));
	}

	/**
	 * Stops what a test class started (null when its start failed); the shared broker
	 * stays for the next class.
	 */
	static void stop(ConfigurableApplicationContext worker) {
		if (worker != null) {
			worker.close();
		}
	}

	/** The names of the worker's namespace: the topics to produce to and read from. */
	static Topics topics(ConfigurableApplicationContext worker) {
		return worker.getBean(Topics.class);
	}

}
