package io.mcpbridge.worker.consume;

import java.util.concurrent.TimeoutException;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.worker.pool.CallTimeoutException;
import io.mcpbridge.worker.pool.NoIdleClientException;
import io.mcpbridge.worker.pool.TenantPoolsFullException;
import io.mcpbridge.worker.pool.UpstreamCrashedException;
import io.mcpbridge.worker.pool.UpstreamUnavailableException;
import io.mcpbridge.worker.resilience.CircuitOpenException;
import io.mcpbridge.worker.stdio.CallCancelledException;
import io.mcpbridge.worker.stdio.ChannelClosedException;
import io.mcpbridge.worker.stdio.JsonRpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.exc.StreamConstraintsException;

import org.springframework.stereotype.Component;

/**
 * The one place where a failure of executing a request becomes a {@link ReplyError}.
 * Expected failures keep their message (the client needs it, e.g. "Unknown tool");
 * unexpected ones are logged with their stack trace here and reach the client as a bare
 * {@link ErrorCode#INTERNAL_ERROR}.
 */
@Component
class FailureClassifier {

	private static final Logger log = LoggerFactory.getLogger(FailureClassifier.class);

	/** The Retry-After of a call refused because every tenant pool was busy. */
	static final long TENANT_POOLS_RETRY_AFTER_MS = 1000;

	ReplyError classify(Throwable failure) {
		// Futures and executors wrap failures: look at the causes too.
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			ReplyError known = known(cause);
			if (known != null) {
				return known;
			}
		}
		log.error("unexpected failure while executing a request", failure);
		return ReplyError.of(ErrorCode.INTERNAL_ERROR, "internal error in the worker");
	}

	private static ReplyError known(Throwable cause) {
		if (cause instanceof JsonRpcException rpc) {
			return fromJsonRpc(rpc);
		}
		if (cause instanceof CircuitOpenException open) {
			return ReplyError.retryAfter(ErrorCode.UPSTREAM_CIRCUIT_OPEN, open.getMessage(),
					open.timeLeft().toMillis());
		}
		if (cause instanceof UpstreamCrashedException || cause instanceof ChannelClosedException) {
			return ReplyError.of(ErrorCode.UPSTREAM_CRASHED, cause.getMessage());
		}
		if (cause instanceof NoIdleClientException) {
			// It waited for a busy pool until its deadline and never executed.
			return ReplyError.of(ErrorCode.TIMEOUT_IN_QUEUE, cause.getMessage());
		}
		if (cause instanceof TenantPoolsFullException) {
			// Every process the budget allows is busy: a bounded refusal, never run.
			return ReplyError.retryAfter(ErrorCode.OVERLOADED, cause.getMessage(), TENANT_POOLS_RETRY_AFTER_MS);
		}
		if (cause instanceof UpstreamUnavailableException) {
			return ReplyError.of(ErrorCode.UPSTREAM_UNAVAILABLE, cause.getMessage());
		}
		if (cause instanceof CallTimeoutException) {
			return ReplyError.of(ErrorCode.TIMEOUT, cause.getMessage());
		}
		if (cause instanceof TimeoutException) {
			return ReplyError.of(ErrorCode.TIMEOUT, "the upstream did not answer in time");
		}
		if (cause instanceof CallCancelledException) {
			return ReplyError.of(ErrorCode.CANCELLED, "cancelled by the client: " + cause.getMessage());
		}
		if (cause instanceof InvalidRequestException) {
			return ReplyError.of(ErrorCode.INVALID_REQUEST, cause.getMessage());
		}
		if (cause instanceof StreamConstraintsException) {
			// The gateway refuses client JSON past BridgeJson's client limits; this only
			// guards against a producer that does not.
			return ReplyError.of(ErrorCode.INVALID_REQUEST, "the request exceeds a JSON limit (nesting or length)");
		}
		return null;
	}

	private static ReplyError fromJsonRpc(JsonRpcException error) {
		ErrorCode code = error.rejectsRequest() ? ErrorCode.UPSTREAM_REJECTED : ErrorCode.UPSTREAM_ERROR;
		return new ReplyError(code, error.getMessage(), error.code(), error.data());
	}

}
