package io.mcpbridge.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.reply.Followed;
import io.mcpbridge.gateway.reply.RequestFollower;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The retry of a 2026-07-28 request that got an input-required result, on any gateway:
 * checks its {@code requestState}, forwards each answer to the upstream request waiting
 * for it (as a session's answer would go, {@link InputForwarder}), then follows the
 * original request from where the last round left it ({@link RequestFollower}): its
 * events and its reply. The next request of its upstream makes another round; its result
 * answers the retry. The client that leaves cancels the request, as it would have the
 * first time.
 */
@Component
class InputRetries {

	private final RequestStates states;

	private final InputForwarder forwarder;

	private final EventLog events;

	private final RequestFollower follower;

	private final StreamScheduler scheduler;

	private final RequestCancellations cancellations;

	private final long disconnectCheckMs;

	InputRetries(RequestStates states, InputForwarder forwarder, EventLog events, RequestFollower follower,
			StreamScheduler scheduler, RequestCancellations cancellations, GatewayProperties properties) {
		this.states = states;
		this.forwarder = forwarder;
		this.events = events;
		this.follower = follower;
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
		Retried retried = new Retried(call, state);
		InputRound round = new InputRound(call.tenant(), new RequestState(state.requestId(), state.method(),
				state.target(), state.position(), state.deadlineEpochMs(), unanswered), call.clientId(), states,
				scheduler, () -> {
				});
		McpExchange exchange = new McpExchange(async, state.requestId(), Map.of(),
				leftMs + McpCalls.EXCHANGE_MARGIN.toMillis(), context(call, state, retried, round),
				JsonRpc.error(call.clientId(), JsonRpcCodes.REQUEST_TIMEOUT, "no answer before the deadline", null));
		exchange.startAfter(state.position());
		round.attach(exchange);
		retried.start(exchange, round);
		exchange.heartbeatWith(scheduler.every(disconnectCheckMs, exchange::beat));
	}

	/**
	 * The retry's exchange reads the original request's events; leaving cancels that
	 * request.
	 */
	private McpExchange.Context context(McpCall call, RequestState state, Retried retried, InputRound round) {
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
				retried.stop();
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
	 * Hands the original request's events and reply to one retry's exchange, from where
	 * the last round left it.
	 */
	private final class Retried implements RequestFollower.Observer {

		private final McpCall call;

		private final RequestState state;

		private final AtomicBoolean stopped = new AtomicBoolean();

		private volatile RequestFollower.Following following;

		private McpExchange exchange;

		private InputRound round;

		Retried(McpCall call, RequestState state) {
			this.call = call;
			this.state = state;
		}

		void start(McpExchange exchange, InputRound round) {
			this.exchange = exchange;
			this.round = round;
			following = follower.follow(Followed.eventsAndReply(call.tenant(), state.requestId(), null,
					state.position(), state.deadlineEpochMs() + McpCalls.EXCHANGE_MARGIN.toMillis(), null), this);
		}

		@Override
		public void onEvent(CallEvent event) {
			exchange.onEvent(event);
		}

		@Override
		public void onReply(ReplyEnvelope reply) {
			round.finish(200, answer(reply), Map.of());
			stop();
		}

		@Override
		public void onEnd(BridgeException failure) {
			// The exchange answers its own timeout.
			stop();
		}

		@Override
		public boolean listening() {
			if (exchange.isDone()) {
				stop();
				return false;
			}
			return true;
		}

		private JsonNode answer(ReplyEnvelope reply) {
			if (!reply.isSuccess()) {
				return JsonRpc.answer(call.clientId(), reply);
			}
			return McpCalls.answer(call, CacheAnswer.bypassed(reply.result()), state.requestId());
		}

		void stop() {
			if (stopped.compareAndSet(false, true)) {
				RequestFollower.Following follow = following;
				if (follow != null) {
					follow.stop();
				}
				scheduler.release();
			}
		}

	}

}
