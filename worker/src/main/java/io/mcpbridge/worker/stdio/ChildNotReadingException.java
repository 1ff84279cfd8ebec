package io.mcpbridge.worker.stdio;

/**
 * A message could not even be queued: so much already waits to be written that the child
 * has evidently stopped reading its stdin (frozen, or busy without reading). The message
 * never reached it.
 */
public final class ChildNotReadingException extends RuntimeException {

	public ChildNotReadingException(String message) {
		super(message);
	}

}
