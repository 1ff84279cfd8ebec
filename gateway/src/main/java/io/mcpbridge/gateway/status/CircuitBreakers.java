package io.mcpbridge.gateway.status;

import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.WorkerReport;
import io.mcpbridge.gateway.upstream.OpenCircuits;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code circuit_breakers} section: per upstream, whether calls are refused at the
 * gateway ({@code open_everywhere}, with {@code retry_after_ms}), and each live worker's
 * breaker as it last reported it ({@code state}, {@code retry_after_ms} as of its report,
 * {@code failure_rate}, {@code buffered_calls}, {@code failed_calls},
 * {@code not_permitted_calls}).
 */
final class CircuitBreakers {

	private CircuitBreakers() {
	}

	static ObjectNode of(List<WorkerReport> live, long nowEpochMs) {
		ObjectNode section = BridgeJson.mapper().createObjectNode();
		OpenCircuits.byUpstream(live).forEach((upstream, byWorker) -> {
			ObjectNode entry = section.putObject(upstream);
			var open = OpenCircuits.openEverywhere(live, upstream, nowEpochMs);
			entry.put("open_everywhere", open.isPresent());
			open.ifPresent(left -> entry.put("retry_after_ms", left.toMillis()));
			ObjectNode workers = entry.putObject("workers");
			byWorker.forEach(workers::set);
		});
		return section;
	}

}
