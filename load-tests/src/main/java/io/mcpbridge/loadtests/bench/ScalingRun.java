package io.mcpbridge.loadtests.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput with 1, 2, 4... worker processes in one consumer group, against a
 * latency-bound upstream (home-sim sleeping {@code scaling-latency-ms} per call). The
 * standalone stack is worker 1; extra worker processes join its group one by one, each
 * with the same pool size, calls per process and listener concurrency. The clients
 * (closed loop, many more than the workers' slots) keep every partition busy, so the
 * workers are the bottleneck. Every call is the client's own
 * ({@link RestTarget.Workload#UNSHARED}): no cache, no shared upstream call, and the
 * entity key is the client's session, so each worker runs every call it is given.
 */
final class ScalingRun {

	/**
	 * bridge.kafka.concurrency of the standalone's worker (the default); extra workers
	 * get the same. Every consumer takes a share of the partitions: with 4 per worker, 4
	 * workers had 16 consumers for 12 partitions and the last worker in member order (the
	 * standalone's) got none.
	 */
	static final int CONCURRENCY = 1;

	/**
	 * pool.max-concurrent-per-process of every worker: calls one home-sim process runs at
	 * once. A worker's capacity is pool size x this / latency; it must stay below its
	 * share of the clients (one entity key per client, one call in flight per key) for
	 * more workers to add capacity.
	 */
	static final int MAX_CONCURRENT_PER_PROCESS = Integer.getInteger("bench.scaling.maxConcurrentPerProcess", 4);

	static final int PARTITIONS = 12;

	private final BenchOptions options;

	ScalingRun(BenchOptions options) {
		this.options = options;
	}

	Map<String, Object> run() throws Exception {
		System.out.println("== scaling: home-sim latency " + options.scalingLatencyMs() + " ms, pool "
				+ options.scalingPoolSize() + " x " + MAX_CONCURRENT_PER_PROCESS + " calls, listener concurrency "
				+ CONCURRENCY + ", " + PARTITIONS + " partitions, " + options.scalingClients() + " clients, workers "
				+ options.scalingWorkers());
		List<Map<String, Object>> rows = new ArrayList<>();
		try (Stack stack = Stack.start("scaling-standalone", options.standaloneJar(), options.scalingLatencyMs(),
				options.scalingPoolSize(), PARTITIONS, options.logDir(),
				List.of("--max-concurrent-per-process=" + MAX_CONCURRENT_PER_PROCESS))) {
			RestTarget target = new RestTarget(stack.baseUrl(), RestTarget.Workload.UNSHARED, stack.processes());
			List<CallTarget.Caller> callers = new ArrayList<>();
			for (int i = 0; i < options.scalingClients(); i++) {
				callers.add(target.newCaller());
			}
			for (int workers : options.scalingWorkers().stream().sorted().toList()) {
				while (stack.workerCount() < workers) {
					stack.addWorker(options.workerJar(), options.homeSimJar(), options.scalingLatencyMs(),
							options.scalingPoolSize(), PARTITIONS, CONCURRENCY,
							List.of("--bridge.upstreams[0].pool.max-concurrent-per-process="
									+ MAX_CONCURRENT_PER_PROCESS));
				}
				// After the rebalance: let the new pools start their subprocesses and the
				// JIT settle.
				new CellRunner(new CellRunner.Duration(Math.max(5, options.warmupSeconds()), Long.MAX_VALUE))
					.run(target, callers);
				CellResult cell = new CellRunner(new CellRunner.Duration(options.scalingSeconds(), 1_000_000))
					.run(target, callers);
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("workers", workers);
				row.put("consumers", workers * CONCURRENCY);
				row.put("consumers_with_partitions", Math.min(workers * CONCURRENCY, PARTITIONS));
				row.put("ceiling_calls_per_second", Math.round(workers * options.scalingPoolSize()
						* MAX_CONCURRENT_PER_PROCESS * 1000.0 / options.scalingLatencyMs()));
				row.putAll(cell.toJson());
				row.remove("target");
				rows.add(row);
				System.out.printf("  %d worker(s): %.1f calls/s, p50 %.0f ms, p99 %.0f ms, %d errors%n", workers,
						cell.callsPerSecond(), cell.percentileMillis(50), cell.percentileMillis(99), cell.errors());
			}
		}
		Table.printScaling(rows);
		Map<String, Object> scaling = new LinkedHashMap<>();
		scaling.put("home_latency_ms", options.scalingLatencyMs());
		scaling.put("pool_size_per_worker", options.scalingPoolSize());
		scaling.put("max_concurrent_per_process", MAX_CONCURRENT_PER_PROCESS);
		scaling.put("listener_concurrency_per_worker", CONCURRENCY);
		scaling.put("partitions", PARTITIONS);
		scaling.put("clients", options.scalingClients());
		scaling.put("rows", rows);
		return scaling;
	}

}
