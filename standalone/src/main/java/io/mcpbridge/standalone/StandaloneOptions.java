package io.mcpbridge.standalone;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mcpbridge.common.Identifiers;

/**
 * Options of the standalone stack, from {@code --name=value} arguments.
 *
 * @param gatewayPort HTTP port of the gateway (0: any free port)
 * @param workerPort HTTP port of the worker's health and metrics (0: any free port)
 * @param redisPort port of the Redis to reuse or start
 * @param homeLatencyMs latency home-sim adds to every tool call
 * @param poolMin home-sim processes the worker's pool starts with and keeps
 * @param poolMax home-sim processes the pool may grow to under load ({@code poolMin} too: a fixed pool)
 * @param partitions partitions of every request topic
 * @param conformanceFixture also run the conformance fixture server as upstream {@code conformance}
 * (served at {@code /mcp/u/conformance})
 * @param extraUpstreams more stdio MCP servers by name, each a command line
 * ({@code --upstream.<name>="<command> <args...>"}), served at {@code /mcp/u/<name>}
 * @param maxConcurrentPerProcess calls one home-sim process runs at once
 * ({@code pool.max-concurrent-per-process}); 0 for the worker's default
 */
public record StandaloneOptions(int gatewayPort, int workerPort, int redisPort, int homeLatencyMs, int poolMin,
		int poolMax, int partitions, boolean conformanceFixture, Map<String, List<String>> extraUpstreams,
		int maxConcurrentPerProcess) {

	private static final String UPSTREAM_PREFIX = "upstream.";

	public StandaloneOptions {
		if (poolMin < 1 || poolMax < poolMin) {
			throw new IllegalArgumentException("--pool-min must be at least 1 and at most --pool-max, got "
					+ poolMin + " and " + poolMax);
		}
		extraUpstreams = Map.copyOf(extraUpstreams);
		if (maxConcurrentPerProcess < 0) {
			throw new IllegalArgumentException("--max-concurrent-per-process must be at least 1, got "
					+ maxConcurrentPerProcess);
		}
	}

	/** With the worker's default number of calls per process. */
	public StandaloneOptions(int gatewayPort, int workerPort, int redisPort, int homeLatencyMs, int poolMin,
			int poolMax, int partitions, boolean conformanceFixture, Map<String, List<String>> extraUpstreams) {
		this(gatewayPort, workerPort, redisPort, homeLatencyMs, poolMin, poolMax, partitions, conformanceFixture,
				extraUpstreams, 0);
	}

	/** Only home-sim as upstream. */
	public StandaloneOptions(int gatewayPort, int workerPort, int redisPort, int homeLatencyMs, int poolMin,
			int poolMax, int partitions) {
		this(gatewayPort, workerPort, redisPort, homeLatencyMs, poolMin, poolMax, partitions, false, Map.of());
	}

	static StandaloneOptions defaults() {
		return new StandaloneOptions(3003, 3004, 6379, 0, 2, 10, 12, false, Map.of());
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
		StandaloneOptions options = new StandaloneOptions(intOption(given, "port", d.gatewayPort()),
				intOption(given, "worker-port", d.workerPort()), intOption(given, "redis-port", d.redisPort()),
				intOption(given, "home-latency-ms", d.homeLatencyMs()), intOption(given, "pool-min", d.poolMin()),
				intOption(given, "pool-max", d.poolMax()), intOption(given, "partitions", d.partitions()),
				booleanOption(given, "conformance-fixture", d.conformanceFixture()), upstreamOptions(given),
				intOption(given, "max-concurrent-per-process", d.maxConcurrentPerProcess()));
		if (!given.isEmpty()) {
			throw new IllegalArgumentException("unknown options " + given.keySet() + "; known: --port, --worker-port, "
					+ "--redis-port, --home-latency-ms, --pool-min, --pool-max, --partitions, --conformance-fixture, "
					+ "--upstream.<name>, --max-concurrent-per-process");
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
