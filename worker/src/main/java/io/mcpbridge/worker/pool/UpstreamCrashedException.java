package io.mcpbridge.worker.pool;

/** The upstream process died (or closed its pipes) while, or before, serving the call. */
public class UpstreamCrashedException extends RuntimeException {

	public UpstreamCrashedException(String upstream, String detail) {
		super("upstream " + upstream + " process died: " + detail);
	}

}
