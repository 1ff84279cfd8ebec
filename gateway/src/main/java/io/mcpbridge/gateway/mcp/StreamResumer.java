package io.mcpbridge.gateway.mcp;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.gateway.reply.Followed;
import io.mcpbridge.gateway.reply.RequestFollower;
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
 * replays the events after that id from the request's event list, then follows the
 * request ({@link RequestFollower}: pushed here when this gateway produced it, polled
 * otherwise) until the answer, which ends the stream. Only streams of the client's own
 * session can be resumed: the list's key holds the session.
 */
@Component
class StreamResumer {

	private static final Logger log = LoggerFactory.getLogger(StreamResumer.class);

	private final EventLog events;

	private final RequestFollower follower;

	private final StreamScheduler scheduler;

	private final long maxDurationMs;

	StreamResumer(EventLog events, RequestFollower follower, StreamScheduler scheduler, GatewayProperties properties) {
		this.events = events;
		this.follower = follower;
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
		Resumed resumed;
		try {
			resumed = new Resumed(requestId, clientId, async, SseWriter.start(response));
		}
		catch (IOException ex) {
			scheduler.release();
			async.complete();
			return;
		}
		async.addListener(new AsyncEnd(resumed::end, resumed::end));
		if (position.equals("end")) {
			// The client saw the answer: nothing more will come.
			resumed.end();
			return;
		}
		// Past the request's deadline (its key expired) with no answer: nothing more
		// will come.
		RequestFollower.Probe streamLives = () -> {
			if (events.clientId(session.tenant(), session.id(), requestId).isEmpty()) {
				throw new BridgeException(ErrorCode.TIMEOUT, "the stream's request has expired", requestId);
			}
			return Optional.empty();
		};
		resumed.following = follower.follow(Followed.eventsAndReply(session.tenant(), requestId, session.id(),
				Long.parseLong(position), System.currentTimeMillis() + maxDurationMs, streamLives), resumed);
	}

	/**
	 * One resumed stream: writes the events beyond its position, then the answer.
	 */
	private final class Resumed implements RequestFollower.Observer {

		private final String requestId;

		private final JsonNode clientId;

		private final AsyncContext async;

		private final SseWriter stream;

		private final AtomicBoolean ended = new AtomicBoolean();

		private volatile RequestFollower.Following following;

		Resumed(String requestId, JsonNode clientId, AsyncContext async, SseWriter stream) {
			this.requestId = requestId;
			this.clientId = clientId;
			this.async = async;
			this.stream = stream;
		}

		@Override
		public void onEvent(CallEvent event) {
			try {
				stream.event(requestId + "." + event.sequence(),
						BridgeJson.mapper().writeValueAsString(event.message()));
			}
			catch (IOException | RuntimeException ex) {
				log.debug("resumed stream of {} ended: {}", requestId, ex.toString());
				end();
			}
		}

		@Override
		public void onReply(ReplyEnvelope reply) {
			try {
				stream.event(requestId + ".end",
						BridgeJson.mapper().writeValueAsString(JsonRpc.answer(clientId, reply)));
			}
			catch (IOException | RuntimeException ex) {
				log.debug("resumed stream of {} ended before its answer: {}", requestId, ex.toString());
			}
			end();
		}

		@Override
		public void onEnd(BridgeException failure) {
			end();
		}

		@Override
		public boolean listening() {
			return !ended.get();
		}

		void end() {
			if (!ended.compareAndSet(false, true)) {
				return;
			}
			RequestFollower.Following follow = following;
			if (follow != null) {
				follow.stop();
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
