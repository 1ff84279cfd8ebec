package io.mcpbridge.worker.consume;

/**
 * The envelope decoded but asks for something the worker cannot do (unsupported method,
 * bad arguments).
 */
class InvalidRequestException extends RuntimeException {

	InvalidRequestException(String message) {
		super(message);
	}

}
