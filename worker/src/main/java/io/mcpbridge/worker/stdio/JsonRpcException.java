package io.mcpbridge.worker.stdio;

import tools.jackson.databind.JsonNode;

/** The upstream answered a request with a JSON-RPC error object. */
public final class JsonRpcException extends RuntimeException {

	private final int code;

	private final transient JsonNode data;

	public JsonRpcException(int code, String message, JsonNode data) {
		super(message);
		this.code = code;
		this.data = data;
	}

	public int code() {
		return code;
	}

	/** The error's {@code data} member, null when absent. */
	public JsonNode data() {
		return data;
	}

}
