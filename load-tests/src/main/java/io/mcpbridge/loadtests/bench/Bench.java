package io.mcpbridge.loadtests.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark harness. In one run, interleaved (round after round, each round every
 * concurrency level on every target), with the same closed-loop clients: tools/call of
 * home-sim's get_entity_state (latency 0) on a cycled real entity id by (a) direct stdio
 * to home-sim, (b) the bridge's REST API, (c) its MCP endpoint; and tools/call of
 * server-everything's echo with a unique message per call through (d) the bridge's MCP
 * endpoint and (e) mcp-proxy (npm) in front of the same server-everything command, with
 * the ratios bridge / mcp-proxy per level. Then the scaling run: home-sim at 50 ms per
 * call, throughput with 1, 2 and 4 worker processes in one group. Prints the tables and
 * writes the JSON result. Loopback targets only, unless --base-url/--mcp-url say
 * otherwise.
 *
 * <p>
 * Run it with {@code load-tests/bench.sh [--name=value ...]}: it builds the jars and
 * installs the peers first.
 */
public final class Bench {

	/**
	 * The bridge's name for server-everything, the upstream it shares with mcp-proxy
	 * ({@code /mcp/u/everything}).
	 */
	static final String PEER_UPSTREAM = "everything";

	static final String BRIDGE_ECHO = "bridge-echo";

	static final String PROXY_ECHO = "mcp-proxy-echo";

	/**
	 * Unique per call: neither the bridge's cache nor anything else can answer without
	 * the upstream.
	 */
	static final String ECHO_ARGUMENTS = "{\"message\":\"bench ${entity} ${n}\"}";

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException bad) {
			System.err.println(bad.getMessage());
			System.exit(2);
			return;
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("machine", MachineInfo.describe(options.machine()));
		result.put("options", optionsJson(options));
		if (options.bench()) {
			result.put("bench", runBench(options));
		}
		if (options.scaling()) {
			result.put("scaling", new ScalingRun(options).run());
		}
		result.put("load_average_at_end", MachineInfo.loadAverage());
		if (result.get("bench") instanceof Map<?, ?> bench && bench.get("vs_mcp_proxy") instanceof List<?> ratios) {
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> rows = (List<Map<String, Object>>) ratios;
			Table.printRatios(rows); // last: the summary a reader looks for
		}
		Files.createDirectories(options.out().getParent());
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(options.out(), json.writeValueAsString(result) + "\n");
		System.out.println("wrote " + options.out());
		System.exit(0); // the MCP SDK's reactor threads are not all daemons
	}

	private static Map<String, Object> runBench(BenchOptions options) throws Exception {
		System.out.println("== bench: levels " + options.levels() + ", " + options.rounds() + " interleaved rounds of "
				+ options.cellSeconds() + " s cells");
		Map<String, Object> bench = new LinkedHashMap<>();
		Map<String, String> skipped = new LinkedHashMap<>();
		List<CallTarget> targets = new ArrayList<>();
		Stack stack = null;
		McpProxy proxy = null;
		try {
			ProcessSet bridgeProcesses = ProcessSet.none();
			URI base;
			boolean peer = options.peer() && options.baseUrl().isEmpty();
			List<String> everything = List.of("node", options.everythingScript().toString(), "stdio");
			if (options.baseUrl().isEmpty()) {
				stack = Stack.start("bench-standalone", options.standaloneJar(), 0, options.poolSize(), 12,
						options.logDir(),
						peer ? List.of("--upstream." + PEER_UPSTREAM + "=" + String.join(" ", everything)) : List.of());
				base = stack.baseUrl();
				bridgeProcesses = stack.processes();
			}
			else {
				base = URI.create(options.baseUrl());
			}
			bench.put("bridge", Map.of("base_url", base.toString(), "home_latency_ms", 0, "pool_size",
					options.poolSize(), "partitions", 12, "started_by_harness", stack != null));
			if (options.home()) {
				addHomeTargets(options, targets, base, bridgeProcesses, skipped);
			}
			if (peer) {
				proxy = McpProxy.start(options, everything);
				targets.add(new McpHttpTarget(BRIDGE_ECHO, base.resolve("/mcp/u/" + PEER_UPSTREAM), "echo",
						ECHO_ARGUMENTS, bridgeProcesses));
				targets.add(new McpHttpTarget(PROXY_ECHO, proxy.endpoint(), "echo", ECHO_ARGUMENTS, proxy.processes()));
				bench.put("peer", Map.of("name", "mcp-proxy", "upstream",
						"server-everything echo, a unique message per call", "endpoint", proxy.endpoint().toString()));
			}
			else if (options.peer()) {
				skipped.put(PROXY_ECHO, "--base-url given: the harness compares peers only with a bridge it starts");
			}
			bench.put("skipped", skipped);
			Map<String, CellResult> cells = measure(options, targets, bridgeProcesses, bench);
			bench.put("cells", cells.values().stream().map(CellResult::toJson).toList());
			if (peer) {
				List<Map<String, Object>> ratios = PeerRatios.of(cells, BRIDGE_ECHO, PROXY_ECHO, options.levels());
				bench.put("vs_mcp_proxy", ratios);
			}
			return bench;
		}
		finally {
			targets.forEach(CallTarget::close);
			if (proxy != null) {
				proxy.close();
			}
			if (stack != null) {
				stack.close();
			}
		}
	}

	/**
	 * home-sim's get_entity_state: direct stdio, the bridge's REST API, its MCP endpoint
	 * (or --mcp-url).
	 */
	private static void addHomeTargets(BenchOptions options, List<CallTarget> targets, URI base,
			ProcessSet bridgeProcesses, Map<String, String> skipped) throws Exception {
		if (options.stdio()) {
			targets.add(new StdioTarget(options.homeSimJar(), "get_entity_state", options.poolSize()));
		}
		targets.add(new RestTarget(base, RestTarget.Workload.ENTITY_READS, bridgeProcesses));
		URI mcpUrl = options.mcpUrl().isEmpty() ? base.resolve("/mcp") : URI.create(options.mcpUrl());
		ProcessSet mcpProcesses = options.mcpUrl().isEmpty() ? bridgeProcesses : options.mcpPid() > 0
				? ProcessSet.treesAndNamed(List.of(options.mcpPid()), List.of()) : ProcessSet.none();
		McpHttpTarget mcp = new McpHttpTarget("mcp", mcpUrl, options.mcpTool(), options.mcpArguments(), mcpProcesses);
		Optional<String> unavailable = mcp.unavailableReason();
		if (unavailable.isPresent()) {
			skipped.put("mcp", unavailable.get());
			System.out.println("  skipping mcp: " + unavailable.get());
		}
		else {
			targets.add(mcp);
		}
	}

	private static Map<String, CellResult> measure(BenchOptions options, List<CallTarget> targets,
			ProcessSet bridgeProcesses, Map<String, Object> bench) throws Exception {
		int maxClients = options.levels().stream().mapToInt(Integer::intValue).max().orElse(1);
		Map<String, List<CallTarget.Caller>> callers = new LinkedHashMap<>();
		for (CallTarget target : targets) {
			List<CallTarget.Caller> list = new ArrayList<>();
			for (int i = 0; i < maxClients; i++) {
				list.add(target.newCaller());
			}
			callers.put(target.name(), list);
		}
		for (CallTarget target : targets) {
			CellResult warm = new CellRunner(new CellRunner.Duration(options.warmupSeconds(), Long.MAX_VALUE))
				.run(target, callers.get(target.name()).subList(0, Math.min(8, maxClients)));
			System.out.printf("  warm-up %s: %d calls, %d errors%n", target.name(), warm.calls(), warm.errors());
		}
		// After the warm-up: measured right after start-up it counted JIT compilation and
		// the pool's
		// start (0.31 cores then, ~0.06 once warm).
		bench.put("idle_cpu_cores", idleCpuCores(bridgeProcesses));
		CellRunner runner = new CellRunner(new CellRunner.Duration(options.cellSeconds(), options.maxCallsPerCell()));
		Map<String, CellResult> cells = new LinkedHashMap<>();
		for (int round = 1; round <= options.rounds(); round++) {
			for (int clients : options.levels()) {
				for (CallTarget target : targets) {
					CellResult cell = runner.run(target, callers.get(target.name()).subList(0, clients));
					cells.merge(key(target.name(), clients), cell, CellResult::plus);
				}
			}
			System.out.println("  round " + round + "/" + options.rounds() + " done");
		}
		Map<String, CellResult> ordered = new LinkedHashMap<>();
		for (int clients : options.levels()) {
			for (CallTarget target : targets) {
				ordered.put(key(target.name(), clients), cells.get(key(target.name(), clients)));
			}
		}
		Table.printBench(List.copyOf(ordered.values()));
		return ordered;
	}

	static String key(String target, int clients) {
		return target + "/" + clients;
	}

	private static Map<String, Object> optionsJson(BenchOptions options) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("levels", options.levels());
		json.put("rounds", options.rounds());
		json.put("cell_seconds", options.cellSeconds());
		json.put("max_calls_per_cell", options.maxCallsPerCell());
		json.put("warmup_seconds", options.warmupSeconds());
		json.put("scaling_workers", options.scalingWorkers());
		json.put("scaling_clients", options.scalingClients());
		json.put("scaling_seconds", options.scalingSeconds());
		json.put("scaling_latency_ms", options.scalingLatencyMs());
		json.put("scaling_pool_size", options.scalingPoolSize());
		return json;
	}

	/**
	 * CPU the idle bridge burns anyway (broker, consumers polling, Redis): read CPU per
	 * call with it in mind.
	 */
	private static Double idleCpuCores(ProcessSet processes) throws InterruptedException {
		double before = processes.cpuSeconds();
		Thread.sleep(5000);
		double cores = (processes.cpuSeconds() - before) / 5.0;
		System.out.printf("  idle bridge: %.2f cores%n", cores);
		return CellResult.round(cores, 3);
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
