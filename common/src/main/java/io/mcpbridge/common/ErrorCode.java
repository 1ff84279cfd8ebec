package io.mcpbridge.common;

/**
 * Every error the bridge reports, with its HTTP status. This enum is the one place where
 * an error becomes a status code: controllers and workers only choose the code.
 */
public enum ErrorCode {

	/** The request body is not valid JSON or misses a required field. */
	INVALID_REQUEST(400),
	/** No credentials, or credentials the bridge does not accept. */
	UNAUTHORIZED(401),
	/** The caller's tenant may not use this upstream or resource. */
	FORBIDDEN(403),
	/** No {@code X-Session-ID} header was sent. */
	SESSION_ID_MISSING(404),
	/** The session id is unknown to this tenant or has expired. */
	SESSION_NOT_FOUND(404),
	/** The named upstream is not configured. */
	UNKNOWN_UPSTREAM(404),
	/**
	 * The upstream refused the request with a JSON-RPC error caused by the request
	 * (unknown tool, bad params).
	 */
	UPSTREAM_REJECTED(400),
	/** The upstream answered with a JSON-RPC error of its own. */
	UPSTREAM_ERROR(502),
	/** The upstream process died while serving the call. */
	UPSTREAM_CRASHED(502),
	/** No upstream process could be started or reached. */
	UPSTREAM_UNAVAILABLE(503),
	/**
	 * The upstream's circuit breaker is open after repeated failures: the call was
	 * refused at once, without reaching it.
	 */
	UPSTREAM_CIRCUIT_OPEN(503),
	/** The deadline passed before the reply arrived. */
	TIMEOUT(504),
	/**
	 * The deadline passed while the request waited in the queue: it was never executed.
	 */
	TIMEOUT_IN_QUEUE(504),
	/** The queue (Kafka) did not accept the request. */
	QUEUE_UNAVAILABLE(503),
	/**
	 * The bridge's store (Redis: sessions, correlation, request ids) did not answer in
	 * time or could not be reached; retry later.
	 */
	STORE_UNAVAILABLE(503),
	/** Too many requests are pending; retry later. */
	OVERLOADED(503),
	/** The tenant's rate limit is exhausted. */
	RATE_LIMITED(429),
	/** The same request id was reused with a different request. */
	IDEMPOTENCY_CONFLICT(409),
	/** The request body exceeds the configured limit. */
	PAYLOAD_TOO_LARGE(413),
	/** The request is not JSON. */
	UNSUPPORTED_MEDIA_TYPE(415),
	/** The HTTP method is not served on this path. */
	METHOD_NOT_ALLOWED(405),
	/** No such endpoint or resource. */
	NOT_FOUND(404),
	/** A bug or an unexpected failure inside the bridge. */
	INTERNAL_ERROR(500),
	/**
	 * The client cancelled the request; nobody reads this answer (nginx's "client closed
	 * request").
	 */
	CANCELLED(499);

	private final int httpStatus;

	ErrorCode(int httpStatus) {
		this.httpStatus = httpStatus;
	}

	public int httpStatus() {
		return httpStatus;
	}

}
