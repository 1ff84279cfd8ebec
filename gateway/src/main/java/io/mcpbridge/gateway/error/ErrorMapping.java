package io.mcpbridge.gateway.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mcpbridge.common.ErrorCode;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.mcpbridge.gateway.config.GatewayProperties;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
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
			ErrorCode.RATE_LIMITED, ErrorCode.UPSTREAM_CIRCUIT_OPEN, ErrorCode.STORE_UNAVAILABLE);

	/**
	 * Refusals decided before anything was queued: the MCP endpoint answers them with
	 * their HTTP status (and a JSON-RPC error body), not a JSON-RPC error in a 200. A
	 * store that fails is one too: the session, the request id and the pending reply are
	 * all read or written in Redis before the request is queued.
	 */
	private static final Set<ErrorCode> REFUSED_BEFORE_QUEUED = Set.of(ErrorCode.OVERLOADED,
			ErrorCode.QUEUE_UNAVAILABLE, ErrorCode.RATE_LIMITED, ErrorCode.UPSTREAM_CIRCUIT_OPEN,
			ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.STORE_UNAVAILABLE);

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
	 * A failure of Redis itself (down, unreachable, slower than its timeout) anywhere in
	 * the cause chain, as STORE_UNAVAILABLE: the client may retry, it is not a bug of the
	 * bridge. Spring's {@code QueryTimeoutException} /
	 * {@code RedisConnectionFailureException} and Lettuce's own timeout and connection
	 * exceptions.
	 */
	public static Optional<BridgeException> storeFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof QueryTimeoutException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof RedisCommandTimeoutException || cause instanceof RedisConnectionException) {
				return Optional.of(new BridgeException(ErrorCode.STORE_UNAVAILABLE,
						"the bridge's store (Redis) is unavailable; retry later"));
			}
		}
		return Optional.empty();
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
