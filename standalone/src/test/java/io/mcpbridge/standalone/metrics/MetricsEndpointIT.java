package io.mcpbridge.standalone.metrics;

import java.util.List;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's metrics, findable by name on the management ports' {@code /metrics} of a
 * running gateway and worker, after a successful call and a failed one. Their labels are
 * bounded: no request id, session id or entity id appears in any label.
 */
@ExtendWith(SharedStack.class)
class MetricsEndpointIT {

	private static final List<String> GATEWAY = List.of("mcp_bridge_request_duration_seconds_bucket",
			"mcp_bridge_requests_total{", "mcp_bridge_errors_total{",
			"mcp_bridge_queue_size_current{priority=\"critical\"", "mcp_bridge_queue_produced{priority=\"bulk\"",
			"mcp_bridge_active_sessions ", "mcp_cache_lookups_total");

	private static final List<String> WORKER = List.of("mcp_bridge_queue_wait_time_seconds_bucket{",
			"mcp_bridge_session_pool_utilization{upstream=\"home\"", "mcp_worker_call_duration_seconds_bucket",
			"mcp_worker_pool_processes{", "mcp_worker_buffered");

	@Test
	void gatewayAndWorkerExportTheSeedsMetricsWithBoundedLabels(StandaloneStack stack) {
		BridgeHttp http = new BridgeHttp(stack.gatewayPort());
		String session = http.initialize();
		BridgeHttp.Response done = http.post("/mcp/tools/call",
				"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\","
						+ "\"entity_id\":\"light.metrics\"}}",
				"X-Session-ID", session);
		assertThat(done.status()).as(done.toString()).isEqualTo(200);
		BridgeHttp.Response failed = http.post("/mcp/tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}",
				"X-Session-ID", session);
		assertThat(failed.status()).as(failed.toString()).isGreaterThanOrEqualTo(400);

		String gateway = new BridgeHttp(stack.gatewayManagementPort()).get("/metrics").body();
		String worker = new BridgeHttp(stack.workerPort()).get("/metrics").body();

		assertThat(gateway).contains(GATEWAY);
		assertThat(gateway).contains("mcp_bridge_requests_total{method=\"tools/call\",outcome=\"success\"}");
		assertThat(worker).contains(WORKER);
		assertThat(gateway + worker).doesNotContain(session, "light.metrics", "request_id=", "session_id=",
				"entity_id=");
	}

}
