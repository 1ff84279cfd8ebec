package io.mcpbridge.loadtests.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of the harness, from {@code --name=value} arguments. Every run is bounded:
 * {@code rounds} x levels x targets cells of at most {@code cellSeconds} and
 * {@code maxCallsPerCell} each.
 */
record BenchOptions(Path repo, String machine, List<Integer> levels, int rounds, double cellSeconds,
		long maxCallsPerCell, double warmupSeconds, String baseUrl, String mcpUrl, long mcpPid, String mcpTool,
		String mcpArguments, boolean stdio, boolean home, boolean peer, Path peerDir, int poolSize, boolean bench,
		boolean scaling, List<Integer> scalingWorkers, int scalingClients, double scalingSeconds, int scalingLatencyMs,
		int scalingPoolSize, Path out) {

	static final String USAGE = """
			options (all --name=value):
			  --repo=.                 repository root (jars under */target)
			  --machine=<hostname>     name used in the result file name
			  --levels=1,8,32,64       concurrent clients per cell (1 = sequential)
			  --rounds=3               interleaved rounds: each round runs every level on every target
			  --cell-seconds=4         duration of one cell
			  --max-calls=20000        call budget of one cell
			  --warmup-seconds=10      per target before measuring (not recorded)
			  --base-url=URL           measure an already running bridge instead of starting the standalone jar
			                           (its CPU and RSS are then not measured; no peer comparison)
			  --mcp-url=URL            MCP Streamable HTTP endpoint (default: <bridge>/mcp; skipped when it answers 404)
			  --mcp-pid=PID            with --mcp-url: that server's process (and descendants) for CPU and RSS
			  --mcp-tool=get_entity_state --mcp-arguments={"entity_id":"${entity}"}  the call made on --mcp-url
			                           (${entity}: the cycled entity id, ${n}: a number unique to the call)
			  --stdio=true             measure direct stdio to home-sim
			  --home=true              measure home-sim's get_entity_state through the bridge (rest, mcp)
			  --peer=true              measure mcp-proxy (npm) and the bridge side by side in front of
			                           server-everything, tools/call echo with a unique message per call
			  --peer-dir=load-tests/target/peers   where bench.sh installed mcp-proxy and server-everything
			  --pool-size=4            upstream processes of the bridge's pools (and of the direct-stdio pool)
			  --bench=true             run the stdio/rest/mcp comparison
			  --scaling=true           run the 1/2/4-worker scaling run
			  --scaling-workers=1,2,4  --scaling-clients=128  --scaling-seconds=20
			  --scaling-latency-ms=50  --scaling-pool-size=4
			  --out=load-tests/results/<machine>-<date>.json
			""";

	static BenchOptions parse(String... args) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("expected --name=value, got " + arg + "\n" + USAGE);
			}
			given.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		Path repo = Path.of(take(given, "repo", ".")).toAbsolutePath().normalize();
		String machine = take(given, "machine", hostname());
		String out = take(given, "out", "");
		BenchOptions options = new BenchOptions(repo, machine, ints(take(given, "levels", "1,8,32,64")),
				Integer.parseInt(take(given, "rounds", "3")), Double.parseDouble(take(given, "cell-seconds", "4")),
				Long.parseLong(take(given, "max-calls", "20000")),
				Double.parseDouble(take(given, "warmup-seconds", "10")), take(given, "base-url", ""),
				take(given, "mcp-url", ""), Long.parseLong(take(given, "mcp-pid", "0")),
				take(given, "mcp-tool", "get_entity_state"),
				take(given, "mcp-arguments", "{\"entity_id\":\"${entity}\"}"),
				Boolean.parseBoolean(take(given, "stdio", "true")), Boolean.parseBoolean(take(given, "home", "true")),
				Boolean.parseBoolean(take(given, "peer", "true")),
				repo.resolve(take(given, "peer-dir", "load-tests/target/peers")),
				Integer.parseInt(take(given, "pool-size", "4")), Boolean.parseBoolean(take(given, "bench", "true")),
				Boolean.parseBoolean(take(given, "scaling", "true")), ints(take(given, "scaling-workers", "1,2,4")),
				Integer.parseInt(take(given, "scaling-clients", "128")),
				Double.parseDouble(take(given, "scaling-seconds", "20")),
				Integer.parseInt(take(given, "scaling-latency-ms", "50")),
				Integer.parseInt(take(given, "scaling-pool-size", "4")),
				out.isEmpty()
						? repo.resolve("load-tests/results/" + machine + "-" + java.time.LocalDate.now() + ".json")
						: Path.of(out).toAbsolutePath());
		if (!given.isEmpty()) {
			throw new IllegalArgumentException("unknown options " + given.keySet() + "\n" + USAGE);
		}
		if (options.rounds() < 1 || options.rounds() > 20 || options.cellSeconds() <= 0 || options.cellSeconds() > 120
				|| options.levels().stream().anyMatch(n -> n < 1 || n > 512) || options.poolSize() < 1
				|| options.poolSize() > 32) {
			throw new IllegalArgumentException(
					"out of bounds: rounds 1..20, cell-seconds 0..120, levels 1..512, pool-size 1..32");
		}
		return options;
	}

	Path standaloneJar() {
		return repo.resolve("standalone/target/mcp-bridge-standalone-0.1.0-SNAPSHOT.jar");
	}

	Path workerJar() {
		return repo.resolve("worker/target/mcp-bridge-worker-0.1.0-SNAPSHOT-exec.jar");
	}

	Path homeSimJar() {
		return repo.resolve("home-sim/target/mcp-bridge-home-sim-0.1.0-SNAPSHOT-all.jar");
	}

	/** server-everything's entry point, installed by bench.sh. */
	Path everythingScript() {
		return peerDir.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
	}

	/** mcp-proxy's command-line entry point, installed by bench.sh. */
	Path mcpProxyScript() {
		return peerDir.resolve("node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs");
	}

	Path logDir() {
		return repo.resolve("load-tests/target/bench");
	}

	private static String take(Map<String, String> given, String name, String fallback) {
		String value = given.remove(name);
		return value == null ? fallback : value;
	}

	private static List<Integer> ints(String csv) {
		return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
	}

	private static String hostname() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "_");
		}
		catch (java.net.UnknownHostException ex) {
			return "unknown-host";
		}
	}
}
