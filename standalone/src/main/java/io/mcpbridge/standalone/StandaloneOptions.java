package io.mcpbridge.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.Namespace;
import io.mcpbridge.homesim.fault.FaultRates;

/**
 * Options of the standalone stack, from {@code --name=value} arguments.
 *
 * @param gatewayPort HTTP port of the gateway (0: any free port)
 * @param workerPort HTTP port of the worker's health and metrics (0: any free port)
 * @param redisPort port of the Redis to reuse or start
 * @param homeLatencyMs latency home-sim adds to every tool call
 * @param poolMin home-sim processes the worker's pool starts with and keeps
 * @param poolMax home-sim processes the pool may grow to under load ({@code poolMin} too:
 * a fixed pool)
 * @param partitions partitions of every request topic
 * @param conformanceFixture also run the conformance fixture server as upstream
 * {@code conformance} (served at {@code /mcp/u/conformance})
 * @param extraUpstreams more stdio MCP servers by name, each a command line
 * ({@code --upstream.<name>="<command> <args...>"}), served at {@code /mcp/u/<name>}
 * @param managementPort the gateway's management port (probes, {@code /metrics}); 9090
 * with the default {@code --port}, 0 (any free port) with another. The worker's probes
 * and metrics are on {@code workerPort}.
 * @param configFile the seed's config file ({@code --config=config/bridge.yaml}), given
 * to both apps; null: none
 * @param homeFaults home-sim's fault-injection options ({@code --fail-rate=0.5}, ...),
 * given to the standalone as {@code --home-fail-rate=0.5}, ... so that anyone can watch
 * retries and breakers work from {@code ./run.sh}
 * @param maxConcurrentPerProcess calls one home-sim process runs at once
 * ({@code pool.max-concurrent-per-process}); 0 for the worker's default
 * @param bindAddress the address the gateway, its management port and the worker's port
 * listen on ({@code --bind}, loopback by default); the embedded Kafka broker and an
 * embedded redis-server always listen on loopback only
 * @param tenantsFile the tenants file ({@code --tenants=FILE}): authentication on (API
 * keys); null: open, every call is tenant {@code default}
 * @param namespace the deployment namespace of both apps ({@code --namespace},
 * {@code bridge.namespace}): a prefix of the topics, the consumer group and the worker
 * reports, for a stack that shares its Redis with another; empty: none
 */
public record StandaloneOptions(int gatewayPort, int workerPort, int redisPort, int homeLatencyMs, int poolMin,
		int poolMax, int partitions, boolean conformanceFixture, Map<String, List<String>> extraUpstreams,
		int managementPort, Path configFile, List<String> homeFaults, int maxConcurrentPerProcess, String bindAddress,
		Path tenantsFile, String namespace) {

	/** Where the standalone listens unless {@code --bind} says otherwise. */
	public static final String LOOPBACK = "127.0.0.1";

	private static final String UPSTREAM_PREFIX = "upstream.";

	/** home-sim's fault options, each passed as {@code --home-<name>}. */
	private static final List<String> HOME_FAULT_OPTIONS = List.of("fail-rate", "slow-rate", "slow-ms", "hang-rate",
			"crash-rate", "faults-file");

	private static final int DEFAULT_PORT = 3003;

	private static final int DEFAULT_MANAGEMENT_PORT = 9090;

	public StandaloneOptions {
		if (poolMin < 1 || poolMax < poolMin) {
			throw new IllegalArgumentException(
					"--pool-min must be at least 1 and at most --pool-max, got " + poolMin + " and " + poolMax);
		}
		extraUpstreams = Map.copyOf(extraUpstreams);
		homeFaults = List.copyOf(homeFaults);
		if (maxConcurrentPerProcess < 0) {
			throw new IllegalArgumentException(
					"--max-concurrent-per-process must be at least 1, got " + maxConcurrentPerProcess);
		}
		if (bindAddress == null || bindAddress.isBlank() || !bindAddress.matches("[0-9A-Za-z.:\\-\\[\\]]{1,253}")) {
			throw new IllegalArgumentException("--bind must be an IP address or host name, got " + bindAddress);
		}
		try {
			namespace = Namespace.of(namespace).name();
		}
		catch (IllegalArgumentException invalid) {
			throw new IllegalArgumentException(invalid.getMessage().replace("bridge.namespace", "--namespace"));
		}
	}

	/** Listening on loopback ({@code --bind} not given), open (no tenants file). */
	public StandaloneOptions(int gatewayPort, int workerPort, int redisPort, int homeLatencyMs, int poolMin,
			int poolMax, int partitions, boolean conformanceFixture, Map<String, List<String>> extraUpstreams,
			int managementPort, Path configFile, List<String> homeFaults, int maxConcurrentPerProcess) {
		this(gatewayPort, workerPort, redisPort, homeLatencyMs, poolMin, poolMax, partitions, conformanceFixture,
				extraUpstreams, managementPort, configFile, homeFaults, maxConcurrentPerProcess, LOOPBACK, null, "");
	}

	/**
	 * No config file; the management port follows the gateway port (9090 with 3003, else
	 * any free port).
	 */
	public StandaloneOptions(int gatewayPort, int workerPort, int redisPort, int homeLatencyMs, int poolMin,
			int poolMax, int partitions, boolean conformanceFixture, Map<String, List<String>> extraUpstreams) {
		this(gatewayPort, workerPort, redisPort, homeLatencyMs, poolMin, poolMax, partitions, conformanceFixture,
				extraUpstreams, defaultManagementPort(gatewayPort), null, List.of(), 0);
	}

	/**
	 * 9090 next to the default traffic port; any free port (shown in the ready line) when
	 * another traffic port is chosen: that is how a second stack on one machine is
	 * started, and a fixed 9090 would collide with the first one's.
	 */
	private static int defaultManagementPort(int gatewayPort) {
		return gatewayPort == DEFAULT_PORT ? DEFAULT_MANAGEMENT_PORT : 0;
	}

	/** Only home-sim as upstream. */
	public StandaloneOptions(int gatewayPort, int workerPort, int redisPort, int homeLatencyMs, int poolMin,
			int poolMax, int partitions) {
		this(gatewayPort, workerPort, redisPort, homeLatencyMs, poolMin, poolMax, partitions, false, Map.of());
	}

	static StandaloneOptions defaults() {
		return new StandaloneOptions(DEFAULT_PORT, 3004, 6379, 0, 2, 10, 12, false, Map.of(), DEFAULT_MANAGEMENT_PORT,
				null, List.of(), 0);
	}

	static StandaloneOptions parse(String... args) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got " + arg);
			}
			int equals = arg.indexOf('=');
			given.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		StandaloneOptions d = defaults();
		int gatewayPort = intOption(given, "port", d.gatewayPort());
		StandaloneOptions options = new StandaloneOptions(gatewayPort, intOption(given, "worker-port", d.workerPort()),
				intOption(given, "redis-port", d.redisPort()), intOption(given, "home-latency-ms", d.homeLatencyMs()),
				intOption(given, "pool-min", d.poolMin()), intOption(given, "pool-max", d.poolMax()),
				intOption(given, "partitions", d.partitions()),
				booleanOption(given, "conformance-fixture", d.conformanceFixture()), upstreamOptions(given),
				intOption(given, "management-port", defaultManagementPort(gatewayPort)), configFile(given),
				homeFaultOptions(given), intOption(given, "max-concurrent-per-process", d.maxConcurrentPerProcess()),
				given.getOrDefault("bind", LOOPBACK), existingFile(given, "tenants"), given.remove("namespace"));
		given.remove("bind");
		if (!given.isEmpty()) {
			throw new IllegalArgumentException("unknown options " + given.keySet() + "; known: --port, --worker-port, "
					+ "--management-port, --redis-port, --home-latency-ms, --pool-min, --pool-max, --partitions, "
					+ "--conformance-fixture, --upstream.<name>, --config, --home-fail-rate, --home-slow-rate, "
					+ "--home-slow-ms, --home-hang-rate, --home-crash-rate, --home-faults-file, "
					+ "--max-concurrent-per-process, --bind, --tenants, --namespace");
		}
		return options;
	}

	/**
	 * home-sim's command-line options for {@code --home-<fault option>}, checked here so
	 * that a bad rate stops the standalone at once instead of every home-sim start
	 * failing in the pool.
	 */
	private static List<String> homeFaultOptions(Map<String, String> given) {
		Map<String, String> rates = new HashMap<>();
		List<String> options = new ArrayList<>();
		for (String name : HOME_FAULT_OPTIONS) {
			String value = given.remove("home-" + name);
			if (value != null) {
				rates.put(name, value);
				options.add("--" + name + "=" + value);
			}
		}
		try {
			FaultRates.of(rates, FaultRates.NONE);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage().replace("--", "--home-"), ex);
		}
		return options;
	}

	private static Map<String, List<String>> upstreamOptions(Map<String, String> given) {
		Map<String, List<String>> upstreams = new TreeMap<>();
		for (String key : List.copyOf(given.keySet())) {
			if (!key.startsWith(UPSTREAM_PREFIX)) {
				continue;
			}
			String name = key.substring(UPSTREAM_PREFIX.length());
			List<String> command = List.of(given.remove(key).trim().split("\\s+"));
			if (!Identifiers.isValidName(name) || name.equals("home") || command.get(0).isEmpty()) {
				throw new IllegalArgumentException("--" + key + " needs a name of letters, digits, '.', '_' or '-' "
						+ "(not 'home') and a command line");
			}
			upstreams.put(name, command);
		}
		return upstreams;
	}

	private static Path configFile(Map<String, String> given) {
		String value = given.remove("config");
		if (value == null) {
			return null;
		}
		Path file = Path.of(value);
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("--config: no such file " + value);
		}
		return file.toAbsolutePath();
	}

	private static Path existingFile(Map<String, String> given, String name) {
		String value = given.remove(name);
		if (value == null) {
			return null;
		}
		Path file = Path.of(value);
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("--" + name + ": no such file " + value);
		}
		return file.toAbsolutePath();
	}

	private static boolean booleanOption(Map<String, String> given, String name, boolean fallback) {
		String value = given.remove(name);
		if (value == null) {
			return fallback;
		}
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("--" + name + " must be true or false, got " + value);
		}
		return Boolean.parseBoolean(value);
	}

	private static int intOption(Map<String, String> given, String name, int fallback) {
		String value = given.remove(name);
		if (value == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException notANumber) {
			throw new IllegalArgumentException("--" + name + " must be an integer, got " + value);
		}
	}
}
