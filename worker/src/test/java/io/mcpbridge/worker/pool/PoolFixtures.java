package io.mcpbridge.worker.pool;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mcpbridge.worker.config.WorkerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds pools straight from configuration records, without a Spring context. */
public final class PoolFixtures {

	private PoolFixtures() {
	}

	/** An upstream with a fixed pool of {@code poolSize} processes. */
	static WorkerProperties.Upstream upstream(String name, List<String> command, Map<String, String> env, int poolSize,
			Duration callTimeout) {
		return WorkerProperties.Upstream.of(name, command, env, WorkerProperties.Pool.fixed(poolSize), callTimeout);
	}

	static UpstreamPools pools(WorkerProperties.Upstream... upstreams) {
		return new UpstreamPools(properties(upstreams));
	}

	/** Worker settings for tests outside a Spring context, with the given upstreams. */
	public static WorkerProperties properties(WorkerProperties.Upstream... upstreams) {
		return new WorkerProperties(new WorkerProperties.Worker("worker-test"), List.of(upstreams),
				new WorkerProperties.Kafka(3, (short) 1, 1), new WorkerProperties.Results(Duration.ofMinutes(1)),
				new WorkerProperties.ToolsCache(Duration.ofMinutes(1)),
				new WorkerProperties.Scheduling(50, 200, Duration.ofSeconds(10)),
				new WorkerProperties.Cache(null, 0, Duration.ofSeconds(1)), "");
	}

	static Instant inSeconds(long seconds) {
		return Instant.now().plusSeconds(seconds);
	}

	/**
	 * Sends a signal such as {@code STOP} (a process alive but deaf, as a hung server
	 * would be).
	 */
	static void signal(String signal, long pid) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
	}

}
