package io.mcpbridge.gateway.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.config.GatewayProperties;

import org.springframework.stereotype.Component;

/**
 * What each {@link ErrorCode} becomes on the wire, for the REST API and the MCP endpoint
 * alike: its HTTP status, its JSON-RPC code, and whether it carries {@code Retry-After}.
 */
@Component
public class ErrorMapping {

	/**
	 * Refusals a client should simply retry later: the gateway refused them before they
	 * were queued.
	 */
	private static final Set<ErrorCode> RETRY_LATER = Set.of(ErrorCode.OVERLOADED, ErrorCode.QUEUE_UNAVAILABLE,
			ErrorCode.RATE_LIMITED, ErrorCode.UPSTREAM_CIRCUIT_OPEN);

	/**
	 * Refusals decided before anything was queued: the MCP endpoint answers them with
	 * their HTTP status (and a JSON-RPC error body), not a JSON-RPC error in a 200.
	 */
	private static final Set<ErrorCode> REFUSED_BEFORE_QUEUED = Set.of(ErrorCode.OVERLOADED,
			ErrorCode.QUEUE_UNAVAILABLE, ErrorCode.RATE_LIMITED, ErrorCode.UPSTREAM_CIRCUIT_OPEN,
			ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN);

	private final String retryAfterSeconds;

	public ErrorMapping(GatewayProperties properties) {
		this.retryAfterSeconds = Long.toString(retryAfterSeconds(properties.queue().retryAfter().toMillis()));
	}

	/**
	 * Retry-After is whole seconds (RFC 9110); never 0, which would invite an immediate
	 * retry storm.
	 */
	public static long retryAfterSeconds(long millis) {
		return Math.max(1, (millis + 999) / 1000);
	}

	public static int httpStatus(ErrorCode code) {
		return code.httpStatus();
	}

	/**
	 * The JSON-RPC error code of a failure of the bridge itself (not the upstream's own
	 * error).
	 */
	public static int jsonRpcCode(ErrorCode code) {
		return switch (code) {
			case TIMEOUT, TIMEOUT_IN_QUEUE -> JsonRpcCodes.REQUEST_TIMEOUT;
			case INVALID_REQUEST -> JsonRpcCodes.INVALID_PARAMS;
			case INTERNAL_ERROR -> JsonRpcCodes.INTERNAL_ERROR;
			default -> JsonRpcCodes.SERVER_ERROR;
		};
	}

	/**
	 * Whether the call was refused before it was queued, so that the MCP endpoint answers
	 * it with an HTTP error (a client retries those) rather than a JSON-RPC error in a
	 * 200.
	 */
	public static boolean refusedBeforeQueued(ErrorCode code) {
		return REFUSED_BEFORE_QUEUED.contains(code);
	}

	/**
	 * The {@code Retry-After} value (seconds) of a refusal the client should retry, if it
	 * is one.
	 */
	public Optional<String> retryAfter(ErrorCode code) {
		return RETRY_LATER.contains(code) ? Optional.of(retryAfterSeconds) : Optional.empty();
	}

	/**
	 * Every response header of a refusal: the default {@code Retry-After} of its code,
	 * overridden or completed by the headers the refusal carries itself
	 * ({@link BridgeException#withHeader}).
	 */
	public Map<String, String> headers(BridgeException refusal) {
		Map<String, String> headers = new LinkedHashMap<>();
		retryAfter(refusal.code()).ifPresent(seconds -> headers.put("Retry-After", seconds));
		headers.putAll(refusal.headers());
		return headers;
	}

}
