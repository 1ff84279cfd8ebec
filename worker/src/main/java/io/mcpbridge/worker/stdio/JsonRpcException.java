package io.mcpbridge.worker.stdio;

import java.util.Set;

import tools.jackson.databind.JsonNode;

/** The upstream answered a request with a JSON-RPC error object. */
public final class JsonRpcException extends RuntimeException {

	/**
	 * JSON-RPC codes that mean "your request is wrong": invalid request, method not
	 * found, invalid params.
	 */
	private static final Set<Integer> REJECTING_CODES = Set.of(-32600, -32601, -32602);

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

	/**
	 * The upstream refused this request (its fault, not the upstream's): such an error
	 * says nothing about the upstream's health and repeating the request cannot help.
	 */
	public boolean rejectsRequest() {
		return REJECTING_CODES.contains(code);
	}

	/** The error's {@code data} member, null when absent. */
	public JsonNode data() {
		return data;
	}

}
