package io.mcpbridge.loadtests.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge against its peer, level by level: bridge / peer for calls per second (above
 * 1: the bridge serves more), CPU ms per call, p50 and p99 (below 1: the bridge costs or
 * waits less), each side's figures next to them.
 */
final class PeerRatios {

	private PeerRatios() {
	}

	static List<Map<String, Object>> of(Map<String, CellResult> cells, String bridge, String peer,
			List<Integer> levels) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int clients : levels) {
			CellResult ours = cells.get(Bench.key(bridge, clients));
			CellResult theirs = cells.get(Bench.key(peer, clients));
			if (ours == null || theirs == null) {
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("clients", clients);
			row.put("calls_per_second_ratio", ratio(ours.callsPerSecond(), theirs.callsPerSecond()));
			row.put("cpu_ms_per_call_ratio", ratio(ours.cpuMillisPerCall(), theirs.cpuMillisPerCall()));
			row.put("p50_ratio", ratio(ours.percentileMillis(50), theirs.percentileMillis(50)));
			row.put("p99_ratio", ratio(ours.percentileMillis(99), theirs.percentileMillis(99)));
			row.put("bridge", side(ours));
			row.put("mcp_proxy", side(theirs));
			rows.add(row);
		}
		return rows;
	}

	private static Map<String, Object> side(CellResult cell) {
		Map<String, Object> side = new LinkedHashMap<>();
		side.put("calls_per_second", CellResult.round(cell.callsPerSecond(), 1));
		side.put("cpu_ms_per_call", CellResult.round(cell.cpuMillisPerCall(), 3));
		side.put("p50_ms", CellResult.round(cell.percentileMillis(50), 2));
		side.put("p99_ms", CellResult.round(cell.percentileMillis(99), 2));
		side.put("peak_rss_mb", CellResult.round(cell.peakRssBytes() / 1048576.0, 0));
		side.put("errors", cell.errors());
		return side;
	}

	private static Double ratio(double ours, double theirs) {
		return theirs == 0 || Double.isNaN(ours) || Double.isNaN(theirs) ? null : CellResult.round(ours / theirs, 2);
	}

}
