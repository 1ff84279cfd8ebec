package io.mcpbridge.gateway.upstream;

import java.util.Set;

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

}
