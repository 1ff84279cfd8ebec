package io.mcpbridge.worker.pool;

import java.time.Duration;

/**
 * Every live process of the upstream stayed busy until the request's deadline: the
 * request never reached the upstream, so it is a timeout in the queue, not an unavailable
 * upstream.
 */
public class NoIdleClientException extends RuntimeException {

	public NoIdleClientException(String upstream, Duration waited, int live, int size) {
		super("no idle process of upstream " + upstream + " within " + waited.toMillis() + " ms (" + live + " of "
				+ size + " running, all busy)");
	}

}
