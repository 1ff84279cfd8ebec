package io.mcpbridge.worker.stdio;

/**
 * The connection to the child ended (its stdout closed or the channel was closed) before
 * an answer came.
 */
public final class ChannelClosedException extends RuntimeException {

	public ChannelClosedException(String message) {
		super(message);
	}

}
