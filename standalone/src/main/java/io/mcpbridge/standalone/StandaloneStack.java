package io.mcpbridge.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.fixture.FixtureCommand;
import io.mcpbridge.gateway.GatewayApplication;
import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.redisprocess.RedisProcess;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.pool.PoolStatus;
import io.mcpbridge.worker.pool.UpstreamPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole system in one JVM, on real parts: Apache Kafka's KRaft broker (embedded),
 * Redis (reused or started), a worker whose pool runs home-sim as real subprocesses, and
 * a gateway. Closing it stops them in reverse order and leaves no child process behind.
 */
public final class StandaloneStack implements AutoCloseable {

	/** The upstream name of the conformance fixture server, when the stack runs it. */
	public static final String FIXTURE_UPSTREAM = "conformance";

	private static final Logger log = LoggerFactory.getLogger(StandaloneStack.class);

	private final EmbeddedKafkaKraftBroker kafka;

	private final RedisProcess redis;

	private final ConfigurableApplicationContext worker;

	private final ConfigurableApplicationContext gateway;

	private final Path homeStateFile;

	private StandaloneStack(EmbeddedKafkaKraftBroker kafka, RedisProcess redis, ConfigurableApplicationContext worker,
			ConfigurableApplicationContext gateway, Path homeStateFile) {
		this.kafka = kafka;
		this.redis = redis;
		this.worker = worker;
		this.gateway = gateway;
		this.homeStateFile = homeStateFile;
	}

	public static StandaloneStack start(StandaloneOptions options) throws Exception {
		return start(options, List.of());
	}

	/**
	 * @param extraWorkerSettings more worker settings ({@code name=value}), e.g. a second
	 * upstream as {@code bridge.upstreams[1].*}; home-sim is {@code bridge.upstreams[0]},
	 * named "home" (with {@code conformanceFixture} or extra upstreams, use
	 * {@link #upstreamCount(StandaloneOptions)} as the next index)
	 */
	public static StandaloneStack start(StandaloneOptions options, List<String> extraWorkerSettings) throws Exception {
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, options.partitions());
		kafka.afterPropertiesSet();
		RedisProcess redis = null;
		ConfigurableApplicationContext worker = null;
		// One journal shared by every home-sim process of the pool: they simulate one
		// home, as the
		// processes of a real Home Assistant MCP server front one Home Assistant.
		Path homeStateFile = Files.createTempFile("mcp-bridge-home-", ".journal");
		try {
			redis = RedisProcess.reuseOrStart(options.redisPort());
			// No shutdown hook of their own: the JVM runs hooks concurrently, and the
			// apps' hooks would
			// still be using Redis and Kafka while this stack's hook stops them (a
			// SIGTERM then waited
			// out Lettuce's 60 s command timeout, and the pool restarted children it was
			// stopping).
			// Standalone's one hook closes everything, in order.
			worker = StandaloneWorker.builder()
				.registerShutdownHook(false)
				.run(arguments(shared(kafka, redis, options),
						workerProperties(options, homeStateFile, extraWorkerSettings)));
			ConfigurableApplicationContext gateway = GatewayApplication.builder()
				.registerShutdownHook(false)
				.run(arguments(shared(kafka, redis, options), gatewayProperties(options)));
			return new StandaloneStack(kafka, redis, worker, gateway, homeStateFile);
		}
		catch (Exception | Error failure) {
			closeQuietly(worker, redis, kafka);
			Files.deleteIfExists(homeStateFile);
			throw failure;
		}
	}

	/**
	 * Settings passed as command-line arguments: they take precedence over each app's
	 * yaml file (default properties would not), and a list given here replaces the file's
	 * list whole.
	 */
	private static String[] arguments(List<String> shared, List<String> own) {
		return Stream.concat(shared.stream(), own.stream()).map(setting -> "--" + setting).toArray(String[]::new);
	}

	private static List<String> shared(EmbeddedKafkaKraftBroker kafka, RedisProcess redis, StandaloneOptions options) {
		List<String> shared = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
				"bridge.kafka.partitions=" + options.partitions(), "bridge.namespace=" + options.namespace()));
		if (options.configFile() != null) {
			// Mapped onto each app's properties by io.mcpbridge.runtime.SeedConfigFile;
			// these arguments
			// (ports, Kafka, Redis, upstream list) outrank it.
			shared.add("bridge.config-file=" + options.configFile());
		}
		return shared;
	}

	private static List<String> workerProperties(StandaloneOptions options, Path homeStateFile,
			List<String> extraWorkerSettings) {
		List<String> homeOptions = new ArrayList<>(
				List.of("--latency-ms=" + options.homeLatencyMs(), "--state-file=" + homeStateFile));
		homeOptions.addAll(options.homeFaults());
		List<String> command = HomeSimCommand.javaCommand(homeOptions.toArray(String[]::new));
		List<String> properties = new ArrayList<>();
		// The worker serves nothing but probes and metrics: one port for both.
		properties.add("server.port=" + options.workerPort());
		properties.add("management.server.port=" + options.workerPort());
		properties.add("server.address=" + options.bindAddress());
		if (options.workerPort() == 0) {
			// Port 0 gives management a server of its own (any free port); a fixed port
			// is
			// one server, whose address Boot refuses to set twice.
			properties.add("management.server.address=" + options.bindAddress());
		}
		properties.addAll(upstream(0, "home", command, options.poolMin(), options.poolMax()));
		if (options.maxConcurrentPerProcess() > 0) {
			properties.add("bridge.upstreams[0].pool.max-concurrent-per-process=" + options.maxConcurrentPerProcess());
		}
		int index = 1;
		if (options.conformanceFixture()) {
			properties.addAll(upstream(index++, FIXTURE_UPSTREAM, FixtureCommand.javaCommand(), 2, 2));
		}
		for (var extra : options.extraUpstreams().entrySet()) {
			properties
				.addAll(upstream(index++, extra.getKey(), extra.getValue(), options.poolMin(), options.poolMin()));
		}
		if (options.tenantsFile() != null) {
			// The worker reads each tenant's upstream-env from the same file.
			properties.add("bridge.security.tenants-file=" + options.tenantsFile());
		}
		properties.addAll(extraWorkerSettings);
		return properties;
	}

	/**
	 * How many upstreams the options configure: the index of the next one in
	 * {@code bridge.upstreams}.
	 */
	public static int upstreamCount(StandaloneOptions options) {
		return 1 + (options.conformanceFixture() ? 1 : 0) + options.extraUpstreams().size();
	}

	/**
	 * Settings of upstream number {@code index}: name, command line, pool bounds (min =
	 * target: with min = max the pool is fixed whichever way auto-scale is set).
	 */
	public static List<String> upstream(int index, String name, List<String> command, int poolMin, int poolMax) {
		String prefix = "bridge.upstreams[" + index + "].";
		List<String> properties = new ArrayList<>();
		properties.add(prefix + "name=" + name);
		properties.add(prefix + "command=" + command.get(0));
		for (int i = 1; i < command.size(); i++) {
			properties.add(prefix + "args[" + (i - 1) + "]=" + command.get(i));
		}
		properties.add(prefix + "pool.min=" + poolMin);
		properties.add(prefix + "pool.target=" + poolMin);
		properties.add(prefix + "pool.max=" + poolMax);
		return properties;
	}

	private static List<String> gatewayProperties(StandaloneOptions options) {
		List<String> properties = new ArrayList<>(
				List.of("server.port=" + options.gatewayPort(), "management.server.port=" + options.managementPort(),
						"server.address=" + options.bindAddress(), "management.server.address=" + options.bindAddress(),
						// The simulated home starts afresh: entries cached by a
						// previous run are not its state.
						"bridge.cache.reset-on-start=true"));
		if (options.tenantsFile() != null) {
			properties.add("bridge.security.tenants-file=" + options.tenantsFile());
		}
		if (options.conformanceFixture()) {
			// The fixture's long-running tools run as tasks, as the suite's tasks-*
			// scenarios expect.
			FixtureCommand.TASK_TOOLS
				.forEach((tool, support) -> properties.add("bridge.tasks.tools." + tool + "=" + support));
		}
		return properties;
	}

	public int gatewayPort() {
		return ((WebServerApplicationContext) gateway).getWebServer().getPort();
	}

	/** The gateway's management port ({@code /actuator/health/*}, {@code /metrics}). */
	public int gatewayManagementPort() {
		return managementPort(gateway);
	}

	/**
	 * The worker's probes and metrics port ({@code /actuator/health/*},
	 * {@code /metrics}): its one HTTP port when {@code --worker-port} is fixed, a port of
	 * its own when it is 0 (any free port).
	 */
	public int workerPort() {
		return managementPort(worker);
	}

	/**
	 * Boot publishes {@code local.management.port} only when management has a server of
	 * its own.
	 */
	private static int managementPort(ConfigurableApplicationContext app) {
		String port = app.getEnvironment().getProperty("local.management.port");
		return port != null ? Integer.parseInt(port) : ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	/** The worker's pools by upstream: processes by state, restarts, pids. */
	public Map<String, PoolStatus> upstreamStatus() {
		return worker.getBean(UpstreamPools.class).status();
	}

	/** The id of the stack's worker, as its replies and status report name it. */
	public String workerId() {
		return worker.getBean(WorkerProperties.class).worker().id();
	}

	public String kafkaBootstrap() {
		return kafka.getBrokersAsString();
	}

	public int redisPort() {
		return redis.port();
	}

	public boolean redisIsEmbedded() {
		return redis.isStartedHere();
	}

	@Override
	public void close() {
		gateway.close();
		closeQuietly(worker, redis, kafka);
		killLeftoverChildren();
		try {
			Files.deleteIfExists(homeStateFile);
		}
		catch (IOException failure) {
			log.warn("could not delete {}: {}", homeStateFile, failure.toString());
		}
	}

	/**
	 * The embedded broker's temporary log directory is deleted by a JVM shutdown hook of
	 * Kafka's own, concurrently with this stack's: its last moments would print pages of
	 * "log dir failed" stack traces about a directory that is meant to go. Nothing the
	 * broker or its clients say while the process exits helps anyone (tests, which start
	 * more stacks in one JVM, keep the logs).
	 */
	static void silenceTheBrokerForExit() {
		LoggingSystem logging = LoggingSystem.get(StandaloneStack.class.getClassLoader());
		logging.setLogLevel("kafka", LogLevel.OFF);
		logging.setLogLevel("org.apache.kafka", LogLevel.OFF);
	}

	private static void closeQuietly(ConfigurableApplicationContext worker, RedisProcess redis,
			EmbeddedKafkaKraftBroker kafka) {
		try {
			if (worker != null) {
				worker.close();
			}
			if (redis != null) {
				redis.close();
			}
		}
		catch (Exception failure) {
			log.warn("while stopping: {}", failure.toString());
		}
		finally {
			kafka.destroy();
		}
	}

	/**
	 * Last resort: the pool stops its processes; anything still alive here would be a
	 * leak.
	 */
	private static void killLeftoverChildren() {
		ProcessHandle.current().descendants().forEach(child -> {
			log.warn("terminating leftover child process {} ({})", child.pid(), child.info().command().orElse("?"));
			child.destroy();
		});
		ProcessHandle.current().descendants().forEach(child -> {
			try {
				child.onExit().get(5, TimeUnit.SECONDS);
			}
			catch (Exception stillThere) {
				child.destroyForcibly();
			}
		});
	}

}
