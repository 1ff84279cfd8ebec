package io.mcpbridge.loadtests.bench;

import java.util.List;
import java.util.Map;

/** The harness's console tables (the same figures as the JSON). */
final class Table {

	private Table() {
	}

	static void printBench(List<CellResult> cells) {
		System.out.println();
		System.out.printf("%-14s %7s %9s %9s %10s %9s %12s %9s %7s%n", "target", "clients", "p50 ms", "p99 ms",
				"calls/s", "calls", "CPU ms/call", "RSS MB", "errors");
		for (CellResult cell : cells) {
			System.out.printf("%-14s %7d %9.2f %9.2f %10.1f %9d %12.3f %9.0f %7d%n", cell.target(), cell.clients(),
					cell.percentileMillis(50), cell.percentileMillis(99), cell.callsPerSecond(), cell.calls(),
					cell.cpuMillisPerCall(), cell.peakRssBytes() / 1048576.0, cell.errors());
			if (cell.firstError() != null) {
				System.out.println("       first error: " + cell.firstError());
			}
		}
		System.out.println();
	}

	static void printScaling(List<Map<String, Object>> rows) {
		System.out.println();
		System.out.printf("%-8s %10s %9s %9s %9s %7s%n", "workers", "calls/s", "p50 ms", "p99 ms", "calls", "errors");
		for (Map<String, Object> row : rows) {
			System.out.printf("%-8s %10s %9s %9s %9s %7s%n", row.get("workers"), row.get("calls_per_second"),
					row.get("p50_ms"), row.get("p99_ms"), row.get("calls"), row.get("errors"));
		}
		System.out.println();
	}

	/** The summary: bridge vs mcp-proxy per level, both sides' figures and the ratios. */
	@SuppressWarnings("unchecked")
	static void printRatios(List<Map<String, Object>> rows) {
		System.out.println();
		System.out.println("bridge vs mcp-proxy: tools/call echo (server-everything), a unique message per call");
		System.out.printf("%7s | %21s | %21s | %21s | %21s%n", "", "calls/s", "CPU ms/call", "p50 ms", "p99 ms");
		System.out.printf("%7s | %6s %6s %7s | %6s %6s %7s | %6s %6s %7s | %6s %6s %7s%n", "clients", "bridge", "proxy",
				"ratio", "bridge", "proxy", "ratio", "bridge", "proxy", "ratio", "bridge", "proxy", "ratio");
		for (Map<String, Object> row : rows) {
			Map<String, Object> ours = (Map<String, Object>) row.get("bridge");
			Map<String, Object> theirs = (Map<String, Object>) row.get("mcp_proxy");
			System.out.printf("%7s | %6s %6s %7s | %6s %6s %7s | %6s %6s %7s | %6s %6s %7s%n", row.get("clients"),
					ours.get("calls_per_second"), theirs.get("calls_per_second"), row.get("calls_per_second_ratio"),
					ours.get("cpu_ms_per_call"), theirs.get("cpu_ms_per_call"), row.get("cpu_ms_per_call_ratio"),
					ours.get("p50_ms"), theirs.get("p50_ms"), row.get("p50_ratio"), ours.get("p99_ms"),
					theirs.get("p99_ms"), row.get("p99_ratio"));
		}
		System.out.println("(ratio = bridge / mcp-proxy; errors and RSS in the JSON)");
		System.out.println();
	}

}
