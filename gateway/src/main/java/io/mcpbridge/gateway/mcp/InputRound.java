package io.mcpbridge.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One exchange of a 2026-07-28 request whose upstream may ask the client something
 * (multi-round-trip requests, SEP-2322). The upstream asks the 2025 way, mid-call; the
 * worker relays the request as an event. Instead of a request on the stream (which this
 * revision forbids), the exchange ends with an {@code InputRequiredResult}: the
 * upstream's requests by key, and a {@code requestState} for the retry, while the
 * upstream call keeps waiting in the worker. The round waits {@link #GATHER_MS} after the
 * first request for more: an upstream asking several things at once gets them in one
 * round.
 *
 * <p>
 * It also answers a call that failed after its upstream asked for what the client did not
 * declare with the capability it lacked (-32021, HTTP 400).
 */
final class InputRound {

	/**
	 * How long after the upstream's first request the round waits for others sent with
	 * it.
	 */
	static final long GATHER_MS = 50;

	/**
	 * Where the upstream may name the key of its request (a 2025 request has only a
	 * JSON-RPC id).
	 */
	static final String META_INPUT_KEY = "io.mcpbridge/inputKey";

	private static final Logger log = LoggerFactory.getLogger(InputRound.class);

	private final String tenant;

	private final RequestState origin;

	private final JsonNode clientId;

	private final RequestStates states;

	private final StreamScheduler scheduler;

	private final Runnable onInputRequired;

	private final Map<String, RequestState.Input> inputs = new LinkedHashMap<>();

	private final Set<String> refused = new TreeSet<>();

	private McpExchange exchange;

	private long position;

	private boolean answering;

	/**
	 * @param origin the request and its client request; its inputs are requests still
	 * unanswered from an earlier round (asked again at once)
	 * @param onInputRequired runs once the exchange ended with an input-required result
	 */
	InputRound(String tenant, RequestState origin, JsonNode clientId, RequestStates states, StreamScheduler scheduler,
			Runnable onInputRequired) {
		this.tenant = tenant;
		this.origin = origin;
		this.clientId = clientId;
		this.states = states;
		this.scheduler = scheduler;
		this.onInputRequired = onInputRequired;
		this.position = origin.position();
		this.inputs.putAll(origin.inputs());
	}

	/** The exchange this round answers; a carried-over request is asked again at once. */
	synchronized void attach(McpExchange exchange) {
		this.exchange = exchange;
		if (!inputs.isEmpty()) {
			answering = true;
			scheduler.after(0, this::answerInputRequired);
		}
	}

	/** Called by the exchange, under its lock, for each event in order. */
	synchronized boolean divert(JsonNode message, long sequence) {
		position = Math.max(position, sequence);
		if (message.has(CallEvent.REFUSED_REQUEST)) {
			refused.add(capabilityOf(message.get(CallEvent.REFUSED_REQUEST).asString("")));
			return true;
		}
		if (!isInputRequest(message)) {
			return false;
		}
		String inputId = message.get("id").asString("");
		inputs.put(keyOf(message, inputId, inputs.keySet()), new RequestState.Input(inputId, inputRequest(message)));
		if (!answering) {
			answering = true;
			scheduler.after(GATHER_MS, this::answerInputRequired);
		}
		return true;
	}

	/**
	 * The request's final answer, or the -32021 error when it failed for want of a
	 * capability.
	 */
	void finish(int status, JsonNode answer, Map<String, String> headers) {
		// The reply and the events travel on different channels: the refusals must all be
		// in first.
		exchange.catchUp();
		JsonNode missing = missingCapabilityError(answer);
		if (missing != null) {
			exchange.finish(400, missing, Map.of());
		}
		else {
			exchange.finish(status, answer, headers);
		}
	}

	private void answerInputRequired() {
		exchange.finish(200, this::inputRequired, Map.of());
		if (exchange.isDone()) {
			onInputRequired.run();
		}
	}

	/**
	 * Built under the exchange's lock, once every event published before it was handled.
	 */
	private synchronized JsonNode inputRequired() {
		ObjectNode result = BridgeJson.mapper().createObjectNode();
		result.put("resultType", "input_required");
		ObjectNode requests = result.putObject("inputRequests");
		inputs.forEach((key, input) -> requests.set(key, input.request()));
		try {
			result.put("requestState", states.save(tenant, new RequestState(origin.requestId(), origin.method(),
					origin.target(), position, origin.deadlineEpochMs(), inputs)));
		}
		catch (RuntimeException ex) {
			log.warn("could not save the state of {}: {}", origin.requestId(), ex.toString());
			return JsonRpc.error(clientId, JsonRpcCodes.INTERNAL_ERROR, "the bridge could not save the request's state",
					null);
		}
		return JsonRpc.result(clientId, result);
	}

	private synchronized JsonNode missingCapabilityError(JsonNode answer) {
		boolean failed = answer.has("error") || answer.path("result").path("isError").asBoolean(false);
		if (refused.isEmpty() || !failed) {
			return null;
		}
		ObjectNode data = BridgeJson.mapper().createObjectNode();
		ObjectNode required = data.putObject("requiredCapabilities");
		refused.forEach(required::putObject);
		return JsonRpc.error(clientId, JsonRpcCodes.MISSING_CAPABILITY,
				"the request needs client capabilities it did not declare: " + String.join(", ", refused), data);
	}

	/**
	 * An event that is a request of the upstream to the client, as the client sees it in
	 * {@code inputRequests}: its method and params.
	 */
	static ObjectNode inputRequest(JsonNode message) {
		ObjectNode request = BridgeJson.mapper().createObjectNode();
		request.set("method", message.get("method"));
		request.set("params", message.has("params") ? message.get("params") : BridgeJson.mapper().createObjectNode());
		return request;
	}

	/** Whether an event is a request of the upstream to the client (it has an id). */
	static boolean isInputRequest(JsonNode message) {
		return message.hasNonNull("id") && message.hasNonNull("method");
	}

	/**
	 * The upstream's own key when it names a free one, else the unguessable id of the
	 * request.
	 */
	static String keyOf(JsonNode message, String inputId, Set<String> taken) {
		String named = message.path("params").path("_meta").path(META_INPUT_KEY).asString(null);
		return named != null && Identifiers.isValidName(named) && !taken.contains(named) ? named : inputId;
	}

	static String capabilityOf(String method) {
		return switch (method) {
			case "sampling/createMessage" -> "sampling";
			case "elicitation/create" -> "elicitation";
			case "roots/list" -> "roots";
			default -> method;
		};
	}

}
