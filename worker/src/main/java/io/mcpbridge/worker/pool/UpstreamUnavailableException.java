package io.mcpbridge.worker.pool;

/**
 * No process of the upstream could be started or borrowed in time: the call never reached
 * it.
 */
public class UpstreamUnavailableException extends RuntimeException {

	public UpstreamUnavailableException(String upstream, String reason) {
		this(upstream, reason, null);
	}

	public UpstreamUnavailableException(String upstream, String reason, Throwable cause) {
		super("upstream " + upstream + " unavailable: " + reason, cause);
	}

}
