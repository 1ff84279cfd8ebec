package io.mcpbridge.gateway.status;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.WorkerReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code upstreams} section: per upstream, its pools' counts summed over the live
 * workers, and each worker's pool status as that worker reported it ({@code by_worker}).
 *
 * <p>
 * The workers send their pools' status as they have it, so this sums by shape rather than
 * by name: an integer field is a count and is summed (processes, calls, errors,
 * restarts...), and so is each integer inside an object field (processes by state).
 * Fields ending in {@code _ms} are times, not counts; they, decimals, text and lists
 * (pids) appear per worker only.
 */
final class UpstreamTotals {

	private UpstreamTotals() {
	}

	static ObjectNode of(List<WorkerReport> workers) {
		Map<String, ObjectNode> byUpstream = new TreeMap<>();
		for (WorkerReport worker : workers) {
			worker.upstreams().forEach((upstream, pool) -> {
				ObjectNode totals = byUpstream.computeIfAbsent(upstream, name -> emptyTotals());
				totals.put("workers", totals.get("workers").asInt() + 1);
				if (pool != null && pool.isObject()) {
					addCounts(totals, pool);
				}
				((ObjectNode) totals.get("by_worker")).set(worker.workerId(), pool);
			});
		}
		ObjectNode section = BridgeJson.mapper().createObjectNode();
		byUpstream.forEach((name, totals) -> {
			totals.set("by_worker", totals.remove("by_worker")); // after the sums, for
																	// readers
			section.set(name, totals);
		});
		return section;
	}

	private static ObjectNode emptyTotals() {
		ObjectNode totals = BridgeJson.mapper().createObjectNode();
		totals.put("workers", 0);
		totals.putObject("by_worker");
		return totals;
	}

	private static void addCounts(ObjectNode totals, JsonNode pool) {
		for (Map.Entry<String, JsonNode> field : pool.properties()) {
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (isCount(name, value)) {
				add(totals, name, value.asLong());
			}
			else if (value.isObject() && !name.endsWith("_ms")) {
				for (Map.Entry<String, JsonNode> inner : value.properties()) {
					if (isCount(inner.getKey(), inner.getValue())) {
						ObjectNode sums = totals.has(name) && totals.get(name).isObject()
								? (ObjectNode) totals.get(name) : totals.putObject(name);
						add(sums, inner.getKey(), inner.getValue().asLong());
					}
				}
			}
		}
	}

	private static boolean isCount(String name, JsonNode value) {
		return value.isIntegralNumber() && !name.endsWith("_ms") && !"workers".equals(name)
				&& !"by_worker".equals(name);
	}

	private static void add(ObjectNode sums, String name, long amount) {
		JsonNode before = sums.get(name);
		sums.put(name, (before == null ? 0 : before.asLong()) + amount);
	}

}
