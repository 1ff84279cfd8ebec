package io.mcpbridge.worker.relay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.stdio.CallListener;
import io.mcpbridge.worker.stdio.JsonRpcException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The relay of one request: what its upstream sends while it runs goes to its client, as
 * far as the client can receive it ({@link io.mcpbridge.common.Relay}); the client's
 * cancellation reaches the call. Closing it waits (briefly) until its messages are out,
 * so the client never gets the final answer before the progress that preceded it.
 */
public final class RelayedCall implements CallListener, AutoCloseable {

	/** Longest wait at close for this call's messages to leave the relay queue. */
	private static final long FLUSH_WAIT_MS = 2000;

	private final RequestEnvelope request;

	private final EventPublisher publisher;

	private final InputRequests inputs;

	private final Cancellations cancellations;

	private final CompletableFuture<String> cancellation;

	private volatile CompletableFuture<Void> lastPublished;

	RelayedCall(RequestEnvelope request, EventPublisher publisher, InputRequests inputs, Cancellations cancellations) {
		this.request = request;
		this.publisher = publisher;
		this.inputs = inputs;
		this.cancellations = cancellations;
		this.cancellation = cancellations.register(request.tenant(), request.requestId());
	}

	@Override
	public void onNotification(String method, JsonNode params) {
		boolean wanted = "notifications/message".equals(method)
				? request.relay().logs(params == null ? null : params.path("level").asString(null))
				: request.relay().events();
		if (!wanted) {
			return;
		}
		ObjectNode message = BridgeJson.mapper().createObjectNode();
		message.put("jsonrpc", "2.0");
		message.put("method", method);
		if (params != null) {
			message.set("params", params);
		}
		lastPublished = publisher.publish(request, message);
	}

	@Override
	public CompletableFuture<JsonNode> onServerRequest(String method, JsonNode params) {
		if (!request.relay().accepts(method)) {
			if (request.relay().stateless()) {
				// The gateway answers a failed call with the capability the client lacked
				// (-32021).
				lastPublished = publisher.publish(request, refused(method));
			}
			return CompletableFuture
				.failedFuture(new JsonRpcException(-32601, "the client of this request does not accept " + method
						+ " (no stream, or the capability was not declared)", null));
		}
		return inputs.ask(request, method, params);
	}

	/**
	 * The event that says the upstream asked for {@code method} and the client could not
	 * take it.
	 */
	private static JsonNode refused(String method) {
		ObjectNode message = BridgeJson.mapper().createObjectNode();
		message.put(CallEvent.REFUSED_REQUEST, method);
		return message;
	}

	/**
	 * A client that may be asked something (it declared sampling, elicitation or roots)
	 * must get every such request of its call, and one that set a log level asked for its
	 * log messages: their calls run alone on their process, where nothing else's messages
	 * can be taken for theirs. Other calls share processes and get the log messages of
	 * their call only while it happens to run alone.
	 */
	@Override
	public boolean needsOwnProcess() {
		return request.relay().mayAskClient() || (request.relay().events() && request.relay().logLevel() != null);
	}

	@Override
	public CompletableFuture<String> cancellation() {
		return cancellation;
	}

	@Override
	public void close() {
		cancellations.unregister(request.tenant(), request.requestId());
		CompletableFuture<Void> last = lastPublished;
		if (last != null) {
			try {
				last.get(FLUSH_WAIT_MS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				// Relaying is best effort; the answer must still go out.
			}
		}
	}

}
