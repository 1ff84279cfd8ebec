package io.mcpbridge.worker.pool;

/**
 * A call's deadline passed while its pool had no running process, only processes being
 * started (after a crash, a kill or at a tenant pool's first call) and no failed start.
 * The call never reached the upstream, so it says nothing about the upstream's health:
 * the circuit breaker does not count it, and a pool restart cannot open the breaker and
 * keep it open after the new processes are ready. The client still gets
 * UPSTREAM_UNAVAILABLE.
 */
public class ProcessesStartingException extends UpstreamUnavailableException {

	public ProcessesStartingException(String upstream, int starting) {
		super(upstream, "no process running in time (" + starting + " starting)");
	}

}
