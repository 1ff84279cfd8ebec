package io.mcpbridge.gateway.mcp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.reply.ResultReader;
import io.mcpbridge.gateway.session.Session;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Resumes a request's SSE stream on any gateway ({@code GET} with {@code Last-Event-ID}):
 * replays the events after that id from the request's event list, then follows the list
 * and the result key until the answer, which ends the stream. Only streams of the
 * client's own session can be resumed: the list's key holds the session.
 */
@Component
class StreamResumer {

	private static final long POLL_MS = 200;

	private static final Logger log = LoggerFactory.getLogger(StreamResumer.class);

	private final EventLog events;

	private final ResultReader results;

	private final StreamScheduler scheduler;

	private final long maxDurationMs;

	StreamResumer(EventLog events, ResultReader results, StreamScheduler scheduler, GatewayProperties properties) {
		this.events = events;
		this.results = results;
		this.scheduler = scheduler;
		this.maxDurationMs = properties.mcp().standaloneStreamMaxDuration().toMillis();
	}

	void resume(HttpServletRequest http, Session session, String lastEventId) {
		int dot = lastEventId.lastIndexOf('.');
		String requestId = dot > 0 ? lastEventId.substring(0, dot) : "";
		String position = dot > 0 ? lastEventId.substring(dot + 1) : "";
		if (!Identifiers.isValidId(requestId) || !(position.equals("end") || position.matches("\\d{1,9}"))) {
			throw new McpError(400, JsonRpcCodes.INVALID_REQUEST, "Last-Event-ID is not an event id of this server");
		}
		JsonNode clientId = events.clientId(session.tenant(), session.id(), requestId)
			.orElseThrow(() -> new McpError(404, JsonRpcCodes.INVALID_REQUEST,
					"no stream of this session to resume (unknown or expired)"));
		scheduler.acquire();
		AsyncContext async = http.startAsync();
		async.setTimeout(maxDurationMs);
		HttpServletResponse response = (HttpServletResponse) async.getResponse();
		response.setHeader(SessionEra.SESSION_HEADER, session.id());
		Follower follower;
		try {
			follower = new Follower(session, requestId, clientId, async, SseWriter.start(response),
					position.equals("end") ? Long.MAX_VALUE : Long.parseLong(position));
		}
		catch (IOException ex) {
			scheduler.release();
			async.complete();
			return;
		}
		async.addListener(new AsyncEnd(follower::stop, follower::stop));
		follower.poll();
		if (!follower.done) {
			follower.task.set(scheduler.every(POLL_MS, follower::poll));
		}
	}

	/**
	 * One resumed stream: sends what the list holds beyond its position, then the answer.
	 */
	private final class Follower {

		private final Session session;

		private final String requestId;

		private final JsonNode clientId;

		private final AsyncContext async;

		private final SseWriter stream;

		private final long startedMs = System.currentTimeMillis();

		private final AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();

		private long position;

		private boolean done;

		Follower(Session session, String requestId, JsonNode clientId, AsyncContext async, SseWriter stream,
				long position) {
			this.session = session;
			this.requestId = requestId;
			this.clientId = clientId;
			this.async = async;
			this.stream = stream;
			this.position = position;
		}

		synchronized void stop() {
			if (!done) {
				end();
			}
		}

		synchronized void poll() {
			if (done) {
				return;
			}
			try {
				if (position == Long.MAX_VALUE) {
					end();
					return;
				}
				List<JsonNode> fresh = events.after(session.tenant(), session.id(), requestId, position);
				for (JsonNode message : fresh) {
					position++;
					stream.event(requestId + "." + position, BridgeJson.mapper().writeValueAsString(message));
				}
				var reply = results.find(session.tenant(), requestId);
				if (reply.isPresent()) {
					answer(reply.get());
				}
				else if (System.currentTimeMillis() - startedMs > maxDurationMs
						|| events.clientId(session.tenant(), session.id(), requestId).isEmpty()) {
					// Past the request's deadline (its key expired) with no answer:
					// nothing more will come.
					end();
				}
			}
			catch (IOException | RuntimeException ex) {
				log.debug("resumed stream of {} ended: {}", requestId, ex.toString());
				end();
			}
		}

		private void answer(ReplyEnvelope reply) throws IOException {
			stream.event(requestId + ".end", BridgeJson.mapper().writeValueAsString(JsonRpc.answer(clientId, reply)));
			end();
		}

		private void end() {
			done = true;
			ScheduledFuture<?> scheduled = task.get();
			if (scheduled != null) {
				scheduled.cancel(false);
			}
			scheduler.release();
			try {
				async.complete();
			}
			catch (IllegalStateException ex) {
				// The container ended it already (timeout or client gone).
			}
		}

	}

}
