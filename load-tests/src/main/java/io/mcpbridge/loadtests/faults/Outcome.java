package io.mcpbridge.loadtests.faults;

import java.util.Set;

/**
 * What became of one call the suite sent.
 *
 * @param requestId the call's {@code request_id} (its idempotency key)
 * @param tool the tool called
 * @param write whether it changes the home
 * @param sentMs when it was sent (epoch ms)
 * @param answeredMs when its answer came, or -1 without one
 * @param status the HTTP status, or 0 without an answer
 * @param result {@link #OK}, {@link #TOOL_ERROR}, {@link #NO_ANSWER}, the bridge's error
 * code, or {@code HTTP_<status>} for an answer without a code
 */
record Outcome(String requestId, String tool, boolean write, long sentMs, long answeredMs, int status, String result) {

	/** A result the upstream produced (HTTP 200, {@code isError} not true). */
	static final String OK = "OK";

	/** HTTP 200 with {@code isError: true}: the tool refused; still an answer. */
	static final String TOOL_ERROR = "TOOL_ERROR";

	/**
	 * No HTTP answer: the connection failed or nothing came within the call's timeout
	 * plus a margin. This is what "lost" means.
	 */
	static final String NO_ANSWER = "NO_ANSWER";

	/**
	 * The error codes the README's error table documents (common's {@code ErrorCode}; the
	 * harness is built without the bridge's modules, so they are listed here).
	 */
	static final Set<String> DOCUMENTED_CODES = Set.of("INVALID_REQUEST", "UNAUTHORIZED", "FORBIDDEN",
			"SESSION_ID_MISSING", "SESSION_NOT_FOUND", "UNKNOWN_UPSTREAM", "UPSTREAM_REJECTED", "UPSTREAM_ERROR",
			"UPSTREAM_CRASHED", "UPSTREAM_UNAVAILABLE", "UPSTREAM_CIRCUIT_OPEN", "TIMEOUT", "TIMEOUT_IN_QUEUE",
			"QUEUE_UNAVAILABLE", "STORE_UNAVAILABLE", "OVERLOADED", "RATE_LIMITED", "IDEMPOTENCY_CONFLICT",
			"PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "METHOD_NOT_ALLOWED", "NOT_FOUND", "INTERNAL_ERROR",
			"CANCELLED");

	boolean ok() {
		return OK.equals(this.result);
	}

	boolean lost() {
		return NO_ANSWER.equals(this.result);
	}

	/** An answer that is neither a result nor one of the documented error codes. */
	boolean undocumented() {
		return !ok() && !lost() && !TOOL_ERROR.equals(this.result) && !DOCUMENTED_CODES.contains(this.result);
	}

	/** One line of the outcomes file. */
	String tsv() {
		return String.join("\t", this.requestId, this.tool, Boolean.toString(this.write), Long.toString(this.sentMs),
				Long.toString(this.answeredMs), Integer.toString(this.status), this.result);
	}

	static String tsvHeader() {
		return "request_id\ttool\twrite\tsent_ms\tanswered_ms\tstatus\tresult";
	}

}
