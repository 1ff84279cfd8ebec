package io.mcpbridge.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.reply.ResultReader;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The retry of a 2026-07-28 request that got an input-required result, on any gateway:
 * checks its {@code requestState}, forwards each answer to the upstream request waiting
 * for it (as a session's answer would go, {@link InputForwarder}), then follows the
 * original request from where the last round left it, like a resumed stream
 * ({@link StreamResumer}): its event list and its result key. The next request of its
 * upstream makes another round; its result answers the retry. The client that leaves
 * cancels the request, as it would have the first time.
 */
@Component
class InputRetries {

	private static final long POLL_MS = 100;

	private static final Logger log = LoggerFactory.getLogger(InputRetries.class);

	private final RequestStates states;

	private final InputForwarder forwarder;

	private final EventLog events;

	private final ResultReader results;

	private final StreamScheduler scheduler;

	private final RequestCancellations cancellations;

	private final long disconnectCheckMs;

	InputRetries(RequestStates states, InputForwarder forwarder, EventLog events, ResultReader results,
			StreamScheduler scheduler, RequestCancellations cancellations, GatewayProperties properties) {
		this.states = states;
		this.forwarder = forwarder;
		this.events = events;
		this.results = results;
		this.scheduler = scheduler;
		this.cancellations = cancellations;
		this.disconnectCheckMs = properties.mcp().disconnectCheckInterval().toMillis();
	}

	/** Whether a request is the retry of an earlier round (it echoes a state). */
	static boolean isRetry(JsonNode params) {
		return params != null && params.has("requestState");
	}

	void retry(HttpServletRequest http, McpCall call, String target) {
		RequestState state = checkedState(call, target);
		Map<String, RequestState.Input> unanswered = forwardAnswers(call, state);
		long leftMs = state.deadlineEpochMs() - System.currentTimeMillis();
		if (leftMs <= 0) {
			throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, "requestState has expired");
		}
		scheduler.acquire();
		AsyncContext async = http.startAsync();
		Follower follower = new Follower(call, state);
		InputRound round = new InputRound(call.tenant(), new RequestState(state.requestId(), state.method(),
				state.target(), state.position(), state.deadlineEpochMs(), unanswered), call.clientId(), states,
				scheduler, () -> {
				});
		McpExchange exchange = new McpExchange(async, state.requestId(), Map.of(),
				leftMs + McpCalls.EXCHANGE_MARGIN.toMillis(), context(call, state, follower, round),
				JsonRpc.error(call.clientId(), JsonRpcCodes.REQUEST_TIMEOUT, "no answer before the deadline", null));
		exchange.startAfter(state.position());
		round.attach(exchange);
		follower.start(exchange, round);
		exchange.heartbeatWith(scheduler.every(disconnectCheckMs, exchange::beat));
	}

	/**
	 * The retry's exchange reads the original request's events; leaving cancels that
	 * request.
	 */
	private McpExchange.Context context(McpCall call, RequestState state, Follower follower, InputRound round) {
		return new McpExchange.Context() {
			@Override
			public List<JsonNode> eventsAfter(long sequence) {
				return events.after(call.tenant(), null, state.requestId(), sequence);
			}

			@Override
			public void streamStarted() {
			}

			@Override
			public void clientGone() {
				follower.stop();
				cancellations.cancel(call.tenant(), state.requestId(), "the client disconnected");
			}

			@Override
			public boolean divert(JsonNode message, long sequence) {
				return round.divert(message, sequence);
			}
		};
	}

	private RequestState checkedState(McpCall call, String target) {
		JsonNode token = call.params().get("requestState");
		RequestState state = token != null && token.isString()
				? states.load(call.tenant(), token.asString()).orElse(null) : null;
		if (state == null) {
			throw new McpError(400, JsonRpcCodes.INVALID_PARAMS,
					"requestState is not one this server issued (altered, or expired)");
		}
		if (!state.method().equals(call.method()) || !Objects.equals(state.target(), target)) {
			throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, "requestState belongs to another request");
		}
		return state;
	}

	/**
	 * Forwards what the client answered; returns the requests it left unanswered (asked
	 * again). All answers are checked before any is forwarded: a malformed retry changes
	 * nothing.
	 */
	private Map<String, RequestState.Input> forwardAnswers(McpCall call, RequestState state) {
		JsonNode responses = call.params().get("inputResponses");
		if (responses != null && !responses.isNull() && !responses.isObject()) {
			throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, "inputResponses must be an object");
		}
		Map<String, RequestState.Input> unanswered = new LinkedHashMap<>();
		Map<String, JsonNode> answers = new LinkedHashMap<>();
		state.inputs().forEach((key, input) -> {
			JsonNode answer = responses == null ? null : responses.get(key);
			if (answer == null || answer.isNull()) {
				unanswered.put(key, input);
			}
			else if (!answer.isObject()) {
				throw new McpError(400, JsonRpcCodes.INVALID_PARAMS, "inputResponses." + key + " must be an object");
			}
			else {
				answers.put(input.inputId(), answer);
			}
		});
		answers.forEach((inputId, answer) -> {
			ObjectNode response = BridgeJson.mapper().createObjectNode();
			response.put("jsonrpc", "2.0");
			response.put("id", inputId);
			response.set("result", answer);
			forwarder.forward(call.tenant(), null, response);
		});
		return unanswered;
	}

	/**
	 * Follows the original request's event list and result key for one retry's exchange.
	 */
	private final class Follower {

		private final McpCall call;

		private final RequestState state;

		private final AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();

		private final AtomicBoolean stopped = new AtomicBoolean();

		private McpExchange exchange;

		private InputRound round;

		private long position;

		Follower(McpCall call, RequestState state) {
			this.call = call;
			this.state = state;
			this.position = state.position();
		}

		void start(McpExchange exchange, InputRound round) {
			this.exchange = exchange;
			this.round = round;
			task.set(scheduler.every(POLL_MS, this::poll));
		}

		private void poll() {
			if (exchange.isDone()) {
				stop();
				return;
			}
			try {
				for (JsonNode message : events.after(call.tenant(), null, state.requestId(), position)) {
					position++;
					exchange.onEvent(new CallEvent(state.requestId(), call.tenant(), position, message));
				}
				var reply = results.find(call.tenant(), state.requestId());
				if (reply.isPresent()) {
					round.finish(200, answer(reply.get()), Map.of());
					stop();
				}
			}
			catch (RuntimeException ex) {
				log.debug("retry of {} could not follow its request: {}", state.requestId(), ex.toString());
			}
		}

		private JsonNode answer(ReplyEnvelope reply) {
			if (!reply.isSuccess()) {
				return JsonRpc.answer(call.clientId(), reply);
			}
			return McpCalls.answer(call, CacheAnswer.bypassed(reply.result()), state.requestId());
		}

		void stop() {
			if (stopped.compareAndSet(false, true)) {
				ScheduledFuture<?> scheduled = task.get();
				if (scheduled != null) {
					scheduled.cancel(false);
				}
				scheduler.release();
			}
		}

	}

}
