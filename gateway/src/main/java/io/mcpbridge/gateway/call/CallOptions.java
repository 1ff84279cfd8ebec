package io.mcpbridge.gateway.call;

import io.mcpbridge.gateway.cache.CacheControl;

/**
 * How the client asked for a call, in wire-neutral terms.
 *
 * @param idempotent the client named the request ({@code request_id},
 * {@code Idempotency-Key}): a repeat executes nothing and gets the first result, never a
 * cached one
 * @param async the client wants 202 once queued, the result later (RFC 7240
 * {@code respond-async})
 * @param control the client's {@code Cache-Control}
 */
public record CallOptions(boolean idempotent, boolean async, CacheControl control) {

	/** A synchronous, unnamed call with the client's cache directives. */
	public static CallOptions of(CacheControl control) {
		return new CallOptions(false, false, control);
	}

	/** Whether the request's id must be remembered for the idempotency TTL. */
	boolean remembered() {
		return idempotent || async;
	}
}
