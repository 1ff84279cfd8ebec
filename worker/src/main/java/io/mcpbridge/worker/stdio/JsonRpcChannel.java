package io.mcpbridge.worker.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.mcpbridge.common.BridgeJson;

/**
 * JSON-RPC 2.0 over a child's stdin and stdout, one message per line (the MCP stdio
 * transport).
 *
 * <p>
 * The bridge's own client rather than the SDK's: it passes every method and result
 * through as JSON (no typed schema that drops fields of a newer protocol revision),
 * bounds each line, and attributes what the child sends during a call (progress, log
 * messages, sampling or elicitation requests) to that call, so it can be relayed to the
 * HTTP client that made it. Request ids come from one counter per channel, so concurrent
 * calls never collide; a client's progress token is replaced on the wire by the request's
 * own id and restored on the way back, so two clients' tokens cannot collide either.
 *
 * <p>
 * Notifications other than progress, and requests from the child, carry no request id in
 * MCP, and the pool may run several calls on one channel at once. They go to the call in
 * flight only when there is exactly one (pings do not count), so they never reach the
 * client of another call; otherwise notifications go to the channel's listener for
 * unattributed messages (not relayed to any client) and requests are answered with an
 * error. Calls that must receive them run alone ({@link CallListener#needsOwnProcess()}).
 *
 * <p>
 * Nothing here blocks on the child: messages go out through a {@link StdinWriter}, and a
 * child that stops reading fails new requests at once ({@link ChildNotReadingException})
 * while the requests already queued fail by their callers' deadlines.
 */
public final class JsonRpcChannel implements AutoCloseable {

	static final int METHOD_NOT_FOUND = -32601;

	static final int INTERNAL_ERROR = -32603;

	private static final String PING = "ping";

	private static final Logger log = LoggerFactory.getLogger(JsonRpcChannel.class);

	/** Logged excerpts of unparseable output stay short. */
	private static final int EXCERPT = 200;

	private record Pending(String method, CompletableFuture<JsonNode> answer, CallListener listener,
			JsonNode clientProgressToken) {
	}

	private final String name;

	private final StdinWriter writer;

	private final BoundedLineReader lines;

	private final BiConsumer<String, JsonNode> unattributed;

	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicReference<String> closedReason = new AtomicReference<>();

	private final Thread reader;

	/**
	 * @param name how logs and errors name this channel, e.g. {@code home#0}
	 * @param unattributed notifications that belong to no call, e.g.
	 * {@code notifications/tools/list_changed}
	 */
	public JsonRpcChannel(String name, InputStream childStdout, OutputStream childStdin, int maxLineBytes,
			BiConsumer<String, JsonNode> unattributed) {
		this.name = name;
		this.writer = new StdinWriter(name, childStdin, pending::containsKey, this::writeFailed);
		this.lines = new BoundedLineReader(childStdout, maxLineBytes);
		this.unattributed = unattributed;
		this.reader = new Thread(this::readLoop, "mcp-stdio-" + name);
		reader.setDaemon(true);
	}

	/**
	 * Starts reading the child's output and writing its input; call once, before the
	 * first request.
	 */
	public JsonRpcChannel start() {
		reader.start();
		writer.start();
		return this;
	}

	/** A request on its way: its wire id (to cancel it) and its answer. */
	public record Call(long id, CompletableFuture<JsonNode> answer) {
	}

	/**
	 * Sends a request; never blocks. The answer completes with the result, or
	 * exceptionally with a {@link JsonRpcException} (the child's error), a
	 * {@link ChannelClosedException}, or a {@link ChildNotReadingException} (not sent:
	 * the child stopped reading its stdin).
	 */
	public Call request(String method, JsonNode params, CallListener listener) {
		long id = ids.incrementAndGet();
		ObjectNode message = BridgeJson.mapper().createObjectNode();
		message.put("jsonrpc", "2.0");
		message.put("id", id);
		message.put("method", method);
		JsonNode clientToken = null;
		if (params != null && !params.isNull()) {
			ObjectNode wireParams = params.deepCopy() instanceof ObjectNode copy ? copy : null;
			if (wireParams != null && wireParams.path("_meta").has("progressToken")) {
				clientToken = wireParams.path("_meta").get("progressToken");
				((ObjectNode) wireParams.get("_meta")).put("progressToken", id);
			}
			message.set("params", wireParams != null ? wireParams : params);
		}
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		pending.put(id, new Pending(method, answer, listener == null ? CallListener.NONE : listener, clientToken));
		answer.whenComplete((result, failure) -> pending.remove(id));
		String reason = closedReason.get();
		if (reason != null) {
			answer.completeExceptionally(new ChannelClosedException(reason));
			return new Call(id, answer);
		}
		try {
			send(message, id);
		}
		catch (ChannelClosedException | ChildNotReadingException ex) {
			answer.completeExceptionally(ex);
		}
		return new Call(id, answer);
	}

	/**
	 * Sends a notification; never blocks. One that cannot be sent is logged, not thrown
	 * (nobody waits for it).
	 */
	public void notify(String method, JsonNode params) {
		ObjectNode message = BridgeJson.mapper().createObjectNode();
		message.put("jsonrpc", "2.0");
		message.put("method", method);
		if (params != null) {
			message.set("params", params);
		}
		try {
			send(message, 0);
		}
		catch (ChannelClosedException | ChildNotReadingException ex) {
			log.debug("{}: could not send {}: {}", name, method, ex.getMessage());
		}
	}

	/**
	 * Gives up on a request: the caller stops waiting and the child is told to stop
	 * working on it.
	 */
	public void cancel(long requestId, String reason) {
		Pending gone = pending.remove(requestId);
		if (gone == null) {
			return;
		}
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("requestId", requestId);
		params.put("reason", reason);
		notify("notifications/cancelled", params);
		gone.answer().completeExceptionally(new CallCancelledException(reason));
	}

	public int inFlight() {
		return pending.size();
	}

	/** Messages queued and not yet taken by the writer. */
	int queuedToWrite() {
		return writer.queued();
	}

	public boolean isOpen() {
		return closedReason.get() == null;
	}

	/**
	 * Fails every pending request and closes the child's stdin; returns at once. The
	 * reader ends when the child's stdout closes.
	 */
	@Override
	public void close() {
		closeWith("the channel was closed");
	}

	/**
	 * Completes once the child's stdin is closed, its cue to exit: right after
	 * {@link #close()}, unless a write is stuck on a child that stopped reading, which
	 * then never gets that cue.
	 */
	public CompletableFuture<Void> stdinClosed() {
		return writer.stdinClosed();
	}

	private void closeWith(String reason) {
		if (!closedReason.compareAndSet(null, reason)) {
			return;
		}
		writer.close();
		for (Pending call : List.copyOf(pending.values())) {
			call.answer().completeExceptionally(new ChannelClosedException(reason));
		}
	}

	/**
	 * Queues one message as one line: the single writer thread keeps lines whole and in
	 * order.
	 */
	private void send(JsonNode message, long requestId) {
		byte[] json = BridgeJson.mapper().writeValueAsBytes(message);
		byte[] line = Arrays.copyOf(json, json.length + 1);
		line[json.length] = '\n';
		writer.send(line, requestId);
	}

	private void writeFailed(IOException ex) {
		closeWith("cannot write to " + name + ": " + ex.getMessage());
	}

	private void readLoop() {
		try {
			byte[] line;
			while ((line = nextLine()) != null) {
				if (line.length > 0) {
					dispatch(line);
				}
			}
			closeWith(name + " closed its stdout");
		}
		catch (IOException ex) {
			closeWith("reading from " + name + " failed: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.error("{}: reader failed", name, ex);
			closeWith("reader of " + name + " failed: " + ex);
		}
	}

	private byte[] nextLine() throws IOException {
		while (true) {
			try {
				return lines.readLine();
			}
			catch (BoundedLineReader.LineTooLongException ex) {
				// The line is gone; if it was an answer, its caller must not wait for
				// nothing.
				log.warn("{}: dropped a line of {} bytes (limit reached)", name, ex.length());
				failInFlight(new JsonRpcException(INTERNAL_ERROR,
						"the upstream's message was larger than the " + "bridge accepts (" + ex.getMessage() + ")",
						null));
			}
		}
	}

	private void failInFlight(RuntimeException failure) {
		Collection<Pending> calls = List.copyOf(pending.values());
		calls.forEach(call -> call.answer().completeExceptionally(failure));
	}

	private void dispatch(byte[] line) {
		JsonNode message;
		try {
			message = BridgeJson.mapper().readTree(line);
		}
		catch (JacksonException ex) {
			log.warn("{}: ignored a stdout line that is not JSON: {}", name, excerpt(line));
			return;
		}
		if (!message.isObject()) {
			log.warn("{}: ignored a stdout line that is not a JSON-RPC object: {}", name, excerpt(line));
			return;
		}
		JsonNode method = message.get("method");
		JsonNode id = message.get("id");
		if (method != null && method.isString()) {
			if (id == null || id.isNull()) {
				onNotification(method.asString(), message.get("params"));
			}
			else {
				onServerRequest(id, method.asString(), message.get("params"));
			}
		}
		else if (id != null && id.canConvertToLong()) {
			onResponse(id.asLong(), message);
		}
		else {
			log.warn("{}: ignored a message that is neither request, notification nor response: {}", name,
					excerpt(line));
		}
	}

	private void onResponse(long id, JsonNode message) {
		Pending call = pending.get(id);
		if (call == null) {
			log.debug("{}: answer to request {} that nobody waits for any more", name, id);
			return;
		}
		JsonNode error = message.get("error");
		if (error != null && error.isObject()) {
			call.answer()
				.completeExceptionally(new JsonRpcException(error.path("code").asInt(INTERNAL_ERROR),
						error.path("message").asString(""), error.get("data")));
		}
		else {
			JsonNode result = message.get("result");
			call.answer().complete(result == null ? BridgeJson.mapper().nullNode() : result);
		}
	}

	private void onNotification(String method, JsonNode params) {
		if ("notifications/progress".equals(method) && params != null && params.has("progressToken")) {
			JsonNode token = params.get("progressToken");
			Pending call = token.canConvertToLong() ? pending.get(token.asLong()) : null;
			if (call != null && call.clientProgressToken() != null) {
				ObjectNode restored = ((ObjectNode) params).deepCopy();
				restored.set("progressToken", call.clientProgressToken());
				call.listener().onNotification(method, restored);
			}
			return;
		}
		Pending only = onlyCall();
		if (only != null && !method.endsWith("/list_changed")) {
			only.listener().onNotification(method, params);
		}
		else {
			if (!method.endsWith("/list_changed")) {
				log.debug("{}: {} not relayed: {} calls in flight, it names none of them", name, method,
						attributableCalls());
			}
			unattributed.accept(method, params);
		}
	}

	private void onServerRequest(JsonNode id, String method, JsonNode params) {
		CompletableFuture<JsonNode> answer;
		if ("ping".equals(method)) {
			answer = CompletableFuture.completedFuture(BridgeJson.mapper().createObjectNode());
		}
		else {
			Pending only = onlyCall();
			answer = only != null ? only.listener().onServerRequest(method, params)
					: CompletableFuture.failedFuture(new JsonRpcException(METHOD_NOT_FOUND,
							method + (attributableCalls() == 0 ? " is only answered during a call"
									: " names none of the calls in flight: it is only answered while one call runs"),
							null));
		}
		answer.whenComplete((result, failure) -> respond(id, result, failure));
	}

	private void respond(JsonNode id, JsonNode result, Throwable failure) {
		ObjectNode message = BridgeJson.mapper().createObjectNode();
		message.put("jsonrpc", "2.0");
		message.set("id", id);
		if (failure == null) {
			message.set("result", result == null ? BridgeJson.mapper().createObjectNode() : result);
		}
		else {
			Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
			ObjectNode error = message.putObject("error");
			if (cause instanceof JsonRpcException rpc) {
				error.put("code", rpc.code());
				error.put("message", rpc.getMessage());
				if (rpc.data() != null) {
					error.set("data", rpc.data());
				}
			}
			else {
				error.put("code", INTERNAL_ERROR);
				error.put("message", "the bridge could not answer: " + cause.getMessage());
			}
		}
		try {
			send(message, 0);
		}
		catch (ChannelClosedException | ChildNotReadingException ex) {
			log.debug("{}: could not answer request {}: {}", name, id, ex.getMessage());
		}
	}

	/** The one call in flight, pings aside; null when there is none or more than one. */
	private Pending onlyCall() {
		Pending only = null;
		for (Pending call : pending.values()) {
			if (PING.equals(call.method())) {
				continue;
			}
			if (only != null) {
				return null;
			}
			only = call;
		}
		return only;
	}

	private int attributableCalls() {
		return (int) pending.values().stream().filter(call -> !PING.equals(call.method())).count();
	}

	private static String excerpt(byte[] line) {
		String text = new String(line, 0, Math.min(line.length, EXCERPT), java.nio.charset.StandardCharsets.UTF_8);
		return line.length > EXCERPT ? text + "..." : text;
	}

}
