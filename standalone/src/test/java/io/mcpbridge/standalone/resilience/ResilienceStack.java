package io.mcpbridge.standalone.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.gateway.GatewayApplication;
import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.StandaloneWorker;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A stack of its own for the breaker and retry tests: one worker whose single home-sim
 * process logs every tool call and takes its fault rates from a faults file the test
 * rewrites, and one gateway, in a deployment namespace of their own on the test JVM's
 * shared broker and the shared Redis on 6379: their topics, consumer group and worker
 * reports are theirs alone, so the gateway counts only this stack's worker when it
 * decides that a breaker is open everywhere. Worker reports and the gateway's view of
 * them refresh every 200 ms, so the gateway learns a breaker's state quickly. Replies go
 * under a tenant of its own.
 */
final class ResilienceStack implements AutoCloseable {

	private final TestBroker kafka;

	private final String namespace;

	private final Path dir;

	private ConfigurableApplicationContext worker;

	private ConfigurableApplicationContext gateway;

	final String tenant = "resilience-" + System.nanoTime();

	private ResilienceStack(TestBroker kafka, String namespace, Path dir) {
		this.kafka = kafka;
		this.namespace = namespace;
		this.dir = dir;
	}

	/**
	 * @param kafka the shared broker ({@link io.mcpbridge.testbroker.SharedBroker})
	 * @param testClass names the stack's namespace
	 * @param homeOptions more home-sim options (e.g. {@code --fail-rate=0.5})
	 * @param workerSettings more worker settings ({@code name=value})
	 */
	static ResilienceStack start(TestBroker kafka, Class<?> testClass, Path dir, List<String> homeOptions,
			String... workerSettings) {
		ResilienceStack stack = new ResilienceStack(kafka, SharedBroker.namespaceFor(testClass), dir);
		try {
			stack.worker = StandaloneWorker.builder().run(stack.workerArguments(homeOptions, workerSettings));
			stack.gateway = GatewayApplication.builder()
				.run(stack.common("--bridge.default-tenant=" + stack.tenant, "--bridge.status.cache-ttl=200ms"));
			return stack;
		}
		catch (RuntimeException failure) {
			stack.close();
			throw failure;
		}
	}

	private String[] workerArguments(List<String> homeOptions, String... settings) {
		List<String> options = new ArrayList<>(List.of("--call-log=" + callLog(), "--faults-file=" + faultsFile(),
				"--state-file=" + dir.resolve("home.journal")));
		options.addAll(homeOptions);
		List<String> home = HomeSimCommand.javaCommand(options.toArray(String[]::new));
		List<String> args = new ArrayList<>(List.of(common("--bridge.status.publish-interval=200ms")));
		args.addAll(List.of("--bridge.upstreams[0].name=home", "--bridge.upstreams[0].command=" + home.get(0),
				"--bridge.upstreams[0].pool.min=1", "--bridge.upstreams[0].pool.target=1",
				"--bridge.upstreams[0].pool.max=1"));
		for (int i = 1; i < home.size(); i++) {
			args.add("--bridge.upstreams[0].args[" + (i - 1) + "]=" + home.get(i));
		}
		for (String setting : settings) {
			args.add("--" + setting);
		}
		return args.toArray(String[]::new);
	}

	private String[] common(String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--bridge.namespace=" + namespace,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379", "--bridge.kafka.partitions=2"));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	Path callLog() {
		return dir.resolve("calls.jsonl");
	}

	Path faultsFile() {
		return dir.resolve("home-faults");
	}

	/** Rewrites home-sim's faults file (read again by home-sim at its next call). */
	void faults(String rates) {
		try {
			Files.writeString(faultsFile(), rates + "\n");
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	BridgeHttp http() {
		return new BridgeHttp(((WebServerApplicationContext) gateway).getWebServer().getPort());
	}

	/** home-sim's call log so far, one JSON object per executed (or failed) tool call. */
	List<JsonNode> calls() {
		try {
			if (!Files.exists(callLog())) {
				return List.of();
			}
			return Files.readAllLines(callLog())
				.stream()
				.filter(line -> !line.isBlank())
				.map(line -> BridgeJson.mapper().readTree(line))
				.toList();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	@Override
	public void close() {
		if (gateway != null) {
			gateway.close();
		}
		if (worker != null) {
			worker.close();
		}
	}

}
