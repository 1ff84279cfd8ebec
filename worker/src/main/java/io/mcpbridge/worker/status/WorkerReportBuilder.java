package io.mcpbridge.worker.status;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.WorkerReport;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.consume.BufferedRequests;
import io.mcpbridge.worker.pool.UpstreamPools;
import io.mcpbridge.worker.resilience.UpstreamBreakers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Takes a snapshot of this worker for its status report. Each pool's status is mapped
 * field by field with Jackson rather than copied into a fixed shape, so whatever the
 * pools come to report (process states, restarts...) reaches {@code /mcp/status} without
 * a change here. Each upstream's circuit breaker state is added to its entry as
 * {@value WorkerReport#CIRCUIT_BREAKER}, which the gateways read to refuse calls no live
 * worker would run.
 */
@Component
class WorkerReportBuilder {

	/**
	 * snake_case like every other name on the wire; map keys (e.g. process states) stay
	 * as they are.
	 */
	private static final JsonMapper POOL_JSON = BridgeJson.mapper()
		.rebuild()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final String workerId;

	private final long startedEpochMs = System.currentTimeMillis();

	private final UpstreamPools pools;

	private final BufferedRequests buffered;

	private final UpstreamBreakers breakers;

	WorkerReportBuilder(WorkerProperties properties, UpstreamPools pools, BufferedRequests buffered,
			UpstreamBreakers breakers) {
		this.workerId = properties.worker().id();
		this.pools = pools;
		this.buffered = buffered;
		this.breakers = breakers;
	}

	String workerId() {
		return workerId;
	}

	WorkerReport build(long nowEpochMs, long ttlMs) {
		Map<String, JsonNode> upstreams = new LinkedHashMap<>();
		pools.status().forEach((name, status) -> upstreams.put(name, POOL_JSON.valueToTree(status)));
		breakers.states().forEach((name, state) -> {
			if (upstreams.get(name) instanceof ObjectNode entry) {
				entry.set(WorkerReport.CIRCUIT_BREAKER, POOL_JSON.valueToTree(state));
			}
		});
		Map<String, Integer> byPriority = new LinkedHashMap<>();
		buffered.bufferedByPriority().forEach((priority, count) -> byPriority.put(priority.name(), count));
		return new WorkerReport(workerId, startedEpochMs, nowEpochMs, ttlMs, upstreams, byPriority);
	}

}
