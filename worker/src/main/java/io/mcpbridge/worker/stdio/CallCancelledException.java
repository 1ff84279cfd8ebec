package io.mcpbridge.worker.stdio;

/**
 * The call was given up before its answer came (the client cancelled it, or it timed
 * out).
 */
public final class CallCancelledException extends RuntimeException {

	public CallCancelledException(String reason) {
		super(reason);
	}

}
