package io.mcpbridge.gateway.upstream;

import java.util.List;
import java.util.Set;

import io.mcpbridge.common.WorkerReport;

/**
 * The upstream names the live workers serve. Implemented by the status feature, which
 * reads the workers' reports anyway; declared here so that the call path never depends on
 * the status page.
 */
public interface LiveUpstreams {

	/**
	 * @return the names, empty when no worker has reported yet
	 * @throws RuntimeException when they cannot be read
	 */
	Set<String> upstreamNames();

	/**
	 * The live workers' reports (their upstreams' pools and circuit breakers).
	 * @return empty when no worker has reported yet
	 * @throws RuntimeException when they cannot be read
	 */
	List<WorkerReport> liveWorkers();

}
