package io.mcpbridge.worker.resilience;

import java.util.concurrent.TimeoutException;

import io.mcpbridge.worker.pool.CallTimeoutException;
import io.mcpbridge.worker.pool.ProcessesStartingException;
import io.mcpbridge.worker.pool.UpstreamCrashedException;
import io.mcpbridge.worker.pool.UpstreamUnavailableException;
import io.mcpbridge.worker.stdio.ChannelClosedException;
import io.mcpbridge.worker.stdio.ChildNotReadingException;
import io.mcpbridge.worker.stdio.JsonRpcException;

/**
 * Which failures of a call say that the upstream itself is unwell: they open its breaker
 * and may be retried. A JSON-RPC error the upstream answered on its own account (not a
 * rejection of the request), a timeout, a crash, a closed channel, a child that stopped
 * reading or could not start. Never a tool result with {@code isError: true} (that is a
 * result, not a failure), a request the upstream rejected (invalid params, unknown
 * method: the request's fault), a cancellation by the client, nor a wait for a busy pool
 * or for processes being started (after a crash, the pool restarting them).
 */
final class TransportFailures {

	private TransportFailures() {
	}

	/** Whether the failure (or one of its causes) counts against the upstream. */
	static boolean counts(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof ProcessesStartingException) {
				// The call waited for a process being started and never reached the
				// upstream.
				return false;
			}
			if (cause instanceof JsonRpcException rpc) {
				return !rpc.rejectsRequest();
			}
			if (cause instanceof UpstreamCrashedException || cause instanceof ChannelClosedException
					|| cause instanceof ChildNotReadingException || cause instanceof CallTimeoutException
					|| cause instanceof TimeoutException || cause instanceof UpstreamUnavailableException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the failure says nothing about the upstream at all (a cancellation, a busy
	 * pool, a bug): the breaker neither counts it as a failure nor as a success. An
	 * upstream's rejection of a request is an answer, so it counts as a success.
	 */
	static boolean ignored(Throwable failure) {
		return !counts(failure) && !(failure instanceof JsonRpcException);
	}

}
