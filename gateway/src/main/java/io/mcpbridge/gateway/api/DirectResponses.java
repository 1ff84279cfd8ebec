package io.mcpbridge.gateway.api;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.ApiExceptionHandler;
import io.mcpbridge.gateway.error.BridgeException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Writes a REST call's response when it completes, from the thread that completes it: one
 * servlet dispatch per request. (A {@code DeferredResult} dispatches the request a second
 * time, through every filter, the DispatcherServlet and the message converters, only to
 * write what is already known.) A response known at once, such as a cache hit, is written
 * without going asynchronous at all. The wait is bounded by the request's own deadline
 * plus a margin, never a container-wide timeout: whatever X-Timeout the client was
 * allowed (up to {@code bridge.queue.max-timeout}), the servlet waits for it. The
 * response itself always completes by the deadline; the margin only covers the final
 * Redis read and the writing.
 */
@Component
class DirectResponses {

	/**
	 * Past the deadline the follower needs at most one Redis read (2 s timeout) to
	 * answer.
	 */
	static final long MARGIN_MS = 10_000;

	private static final Logger log = LoggerFactory.getLogger(DirectResponses.class);

	private final ApiExceptionHandler errors;

	DirectResponses(ApiExceptionHandler errors) {
		this.errors = errors;
	}

	/** Answers {@code http} with what {@code pending} completes with, by the deadline. */
	void answer(HttpServletRequest http, HttpServletResponse response, long deadlineEpochMs,
			CompletableFuture<? extends ResponseEntity<?>> pending) {
		if (pending.isDone()) {
			write(response, outcome(pending));
			return;
		}
		AsyncContext async = http.startAsync(http, response);
		async.setTimeout(timeoutMs(deadlineEpochMs, System.currentTimeMillis()));
		Once once = new Once(async, response);
		async.addListener(once);
		pending.whenComplete((value, failure) -> once.answer(value != null ? value : errors.answer(failure)));
	}

	/** The servlet's async timeout for a request due at the deadline. */
	static long timeoutMs(long deadlineEpochMs, long nowEpochMs) {
		return Math.max(0, deadlineEpochMs - nowEpochMs) + MARGIN_MS;
	}

	private ResponseEntity<?> outcome(CompletableFuture<? extends ResponseEntity<?>> done) {
		try {
			return done.join();
		}
		catch (RuntimeException failure) {
			return errors.answer(failure);
		}
	}

	private static void write(HttpServletResponse response, ResponseEntity<?> entity) {
		if (response.isCommitted()) {
			return;
		}
		try {
			byte[] body = BridgeJson.mapper().writeValueAsBytes(entity.getBody());
			response.setStatus(entity.getStatusCode().value());
			entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
		}
		catch (IOException gone) {
			log.debug("could not answer: the client is gone ({})", gone.toString());
		}
	}

	/**
	 * One asynchronous response: written once, by the completion or by the container's
	 * timeout, whichever comes first.
	 */
	private final class Once implements AsyncListener {

		private final AsyncContext async;

		private final HttpServletResponse response;

		private final AtomicBoolean done = new AtomicBoolean();

		Once(AsyncContext async, HttpServletResponse response) {
			this.async = async;
			this.response = response;
		}

		void answer(ResponseEntity<?> entity) {
			if (!done.compareAndSet(false, true)) {
				return;
			}
			try {
				write(response, entity);
			}
			finally {
				try {
					async.complete();
				}
				catch (IllegalStateException ended) {
					// The container ended it already (client gone).
				}
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			answer(errors.answer(new BridgeException(ErrorCode.TIMEOUT, "no response before the deadline")));
		}

		@Override
		public void onError(AsyncEvent event) {
			done.set(true);
		}

		@Override
		public void onComplete(AsyncEvent event) {
			done.set(true);
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// Never started again.
		}

	}

}
