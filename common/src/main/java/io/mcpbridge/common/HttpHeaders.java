package io.mcpbridge.common;

/** HTTP headers of the seed's REST API. */
public final class HttpHeaders {

	public static final String SESSION_ID = "X-Session-ID";

	public static final String PRIORITY = "X-Priority";

	/** Seconds the client is willing to wait. */
	public static final String TIMEOUT = "X-Timeout";

	/** The client's idempotency key; an alternative to {@code request_id} in the body. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private HttpHeaders() {
	}

}
