package io.mcpbridge.gateway.mcp;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The response to one JSON-RPC request on the MCP endpoint while the request runs. It
 * starts undecided: if the answer comes first, it is one JSON body; if an event comes
 * first (progress, a log message, a request to the client), the response becomes an SSE
 * stream carrying the events in order and then the answer. Events and answers arrive on
 * different threads; every write happens under this object's lock.
 *
 * <p>
 * A request whose client's disconnect cancels it (2026-07-28) gets a heartbeat: nothing
 * else writes to a response still waiting to be JSON, so a client that closed its
 * connection would go unnoticed until the deadline. Once the heartbeat fires, the
 * response is an SSE stream and every beat writes a comment; the failed write is the
 * disconnect.
 *
 * <p>
 * SSE event ids are {@code <requestId>.<position>}: unique in the session, and enough for
 * any gateway to resume the stream from the request's event list.
 */
final class McpExchange {

	/**
	 * What the exchange needs from outside: the event list and the client-went-away hook.
	 */
	interface Context {

		List<JsonNode> eventsAfter(long sequence);

		void streamStarted();

		void clientGone();

		/**
		 * Whether a message is not for the client's stream: the stateless era turns the
		 * upstream's requests into the request's result ({@link InputRound}).
		 */
		default boolean divert(JsonNode message, long sequence) {
			return false;
		}

	}

	private static final Logger log = LoggerFactory.getLogger(McpExchange.class);

	private final AsyncContext async;

	private final HttpServletResponse response;

	private final String requestId;

	private final Map<String, String> headers;

	private final Context context;

	private SseWriter stream;

	private long lastSequence;

	private boolean done;

	private Future<?> heartbeat;

	/**
	 * @param timeoutMs the exchange ends after this long whatever happens, answered with
	 * {@code timeoutAnswer}
	 */
	McpExchange(AsyncContext async, String requestId, Map<String, String> headers, long timeoutMs, Context context,
			JsonNode timeoutAnswer) {
		this.async = async;
		this.response = (HttpServletResponse) async.getResponse();
		this.requestId = requestId;
		this.headers = Map.copyOf(headers);
		this.context = context;
		async.setTimeout(timeoutMs);
		async.addListener(new AsyncEnd(() -> {
			finish(timeoutAnswer);
			context.clientGone();
		}, this::gone, this::ended));
	}

	String requestId() {
		return requestId;
	}

	/**
	 * A retried request's exchange: what the list holds up to {@code sequence} was
	 * handled by an earlier one.
	 */
	synchronized void startAfter(long sequence) {
		lastSequence = Math.max(lastSequence, sequence);
	}

	synchronized boolean isDone() {
		return done;
	}

	/**
	 * An event published by the worker; a gap (pub/sub reordering) is filled from the
	 * event list.
	 */
	synchronized void onEvent(CallEvent event) {
		if (done || event.sequence() <= lastSequence) {
			return;
		}
		if (event.sequence() == lastSequence + 1) {
			writeEvents(List.of(event.message()), event.sequence());
		}
		else {
			writeEvents(context.eventsAfter(lastSequence), lastSequence + 1);
		}
	}

	/**
	 * Handles the events the list holds beyond those delivered (pub/sub may still be
	 * carrying them).
	 */
	synchronized void catchUp() {
		if (!done) {
			writeEvents(context.eventsAfter(lastSequence), lastSequence + 1);
		}
	}

	/**
	 * The periodic {@link #beat()}, stopped when the exchange ends (at once if it already
	 * has).
	 */
	synchronized void heartbeatWith(Future<?> task) {
		if (done) {
			task.cancel(false);
		}
		else {
			heartbeat = task;
		}
	}

	/** Probes the connection: starts the SSE stream if need be, then writes a comment. */
	synchronized void beat() {
		if (done) {
			return;
		}
		try {
			if (stream == null) {
				startStream();
			}
			stream.comment("keep-alive");
		}
		catch (IOException | RuntimeException ex) {
			log.debug("client of {} is gone: {}", requestId, ex.toString());
			gone();
		}
	}

	/** The answer: the last message of a stream, or the whole JSON body. */
	synchronized void finish(JsonNode message) {
		finish(200, message);
	}

	synchronized void finish(int status, JsonNode message) {
		finish(status, message, Map.of());
	}

	/** An answer with its own status and extra headers, e.g. 503 with Retry-After. */
	synchronized void finish(int status, JsonNode message, Map<String, String> extraHeaders) {
		finish(status, () -> message, extraHeaders);
	}

	/**
	 * An answer made only once the events published before it are handled (they may
	 * change it).
	 */
	synchronized void finish(int status, Supplier<JsonNode> answer, Map<String, String> extraHeaders) {
		if (done) {
			return;
		}
		if (stream != null) {
			// Events published just before the answer may still be on their way: send
			// them first.
			writeEvents(context.eventsAfter(lastSequence), lastSequence + 1);
			if (done) {
				return;
			}
			try {
				stream.event(requestId + ".end", BridgeJson.mapper().writeValueAsString(answer.get()));
			}
			catch (IOException ex) {
				log.debug("client of {} left before the answer: {}", requestId, ex.toString());
			}
			complete();
			return;
		}
		Map<String, String> allHeaders = new java.util.HashMap<>(headers);
		allHeaders.putAll(extraHeaders);
		McpServlet.writeJson(response, status, answer.get(), allHeaders);
		complete();
	}

	/** Writes consecutive events, the first at position {@code firstSequence}. */
	private void writeEvents(List<JsonNode> events, long firstSequence) {
		try {
			long sequence = firstSequence;
			for (JsonNode message : events) {
				if (context.divert(message, sequence)) {
					lastSequence = sequence;
					sequence++;
					continue;
				}
				if (stream == null) {
					startStream();
				}
				stream.event(requestId + "." + sequence, BridgeJson.mapper().writeValueAsString(message));
				lastSequence = sequence;
				sequence++;
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("client of {} left during the stream: {}", requestId, ex.toString());
			gone();
		}
	}

	private void startStream() throws IOException {
		headers.forEach(response::setHeader);
		stream = SseWriter.start(response);
		// The priming event: gives the client an id to resume from before anything else
		// comes.
		stream.event(requestId + ".0", "");
		context.streamStarted();
	}

	private void gone() {
		synchronized (this) {
			if (done) {
				return;
			}
			complete();
		}
		context.clientGone();
	}

	private void complete() {
		ended();
		try {
			async.complete();
		}
		catch (IllegalStateException ex) {
			// Already completed by the container (timeout or error).
		}
	}

	/**
	 * However the exchange ended: the response may be recycled now, nothing may write to
	 * it.
	 */
	private synchronized void ended() {
		done = true;
		if (heartbeat != null) {
			heartbeat.cancel(false);
		}
	}

}
