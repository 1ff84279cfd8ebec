package io.mcpbridge.gateway.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;

import org.springframework.web.context.request.async.DeferredResult;

/**
 * Turns a pending response into a {@link DeferredResult} whose async timeout is derived
 * from the request's own deadline (plus a margin), so that no container-wide timeout such
 * as {@code spring.mvc.async.request-timeout} can cut a long call short: whatever
 * X-Timeout the client was allowed (up to {@code bridge.queue.max-timeout}), the servlet
 * waits for it. The future itself always completes by the deadline; the margin only
 * covers the final Redis read and response writing.
 */
final class DeadlineResults {

	/**
	 * Past the deadline the submitter needs at most one Redis read (2 s timeout) to
	 * answer.
	 */
	static final long MARGIN_MS = 10_000;

	private DeadlineResults() {
	}

	static <T> DeferredResult<T> until(long deadlineEpochMs, CompletableFuture<T> response) {
		DeferredResult<T> deferred = new DeferredResult<>(timeoutMs(deadlineEpochMs, System.currentTimeMillis()));
		deferred.onTimeout(() -> deferred
			.setErrorResult(new BridgeException(ErrorCode.TIMEOUT, "no response before the deadline")));
		response.whenComplete((value, failure) -> {
			if (failure != null) {
				deferred.setErrorResult(unwrap(failure));
			}
			else {
				deferred.setResult(value);
			}
		});
		return deferred;
	}

	/** The servlet's async timeout for a request due at the deadline. */
	static long timeoutMs(long deadlineEpochMs, long nowEpochMs) {
		return Math.max(0, deadlineEpochMs - nowEpochMs) + MARGIN_MS;
	}

	private static Throwable unwrap(Throwable failure) {
		return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
	}

}
