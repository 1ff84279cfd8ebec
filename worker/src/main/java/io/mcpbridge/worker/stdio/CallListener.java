package io.mcpbridge.worker.stdio;

import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

/**
 * Receives what the upstream sends about one request while it runs: notifications
 * (progress, log messages) and requests to the client (sampling, elicitation, roots). The
 * bridge relays them to the HTTP client that made the request.
 */
public interface CallListener {

	/**
	 * Ignores notifications and refuses server requests, for callers with nobody to relay
	 * to.
	 */
	CallListener NONE = new CallListener() {
	};

	/**
	 * A notification about the call. Progress notifications carry the client's own
	 * progress token again, not the one the channel used on the wire. Runs on the
	 * channel's reader thread: do not block.
	 */
	default void onNotification(String method, JsonNode params) {
	}

	/**
	 * A request from the upstream to the client. The returned future completes with the
	 * result, or exceptionally with a {@link JsonRpcException} that becomes the JSON-RPC
	 * error answered upstream. Runs on the channel's reader thread: return a future, do
	 * not block.
	 */
	default CompletableFuture<JsonNode> onServerRequest(String method, JsonNode params) {
		return CompletableFuture.failedFuture(new JsonRpcException(JsonRpcChannel.METHOD_NOT_FOUND,
				"the client of this request cannot answer " + method, null));
	}

	/**
	 * Whether the call must run alone on its process: log messages and requests to the
	 * client carry nothing that names their call, so the channel attributes them only
	 * while exactly one call is in flight ({@link JsonRpcChannel}). A call that relies on
	 * receiving them says so here.
	 */
	default boolean needsOwnProcess() {
		return false;
	}

	/**
	 * Completes, with a reason, when the client cancels the call; null when it cannot be
	 * cancelled. The channel then tells the upstream ({@code notifications/cancelled})
	 * and the call fails with {@link CallCancelledException}.
	 */
	default CompletableFuture<String> cancellation() {
		return null;
	}

}
