package io.mcpbridge.gateway.trace;

import java.io.IOException;

import io.mcpbridge.common.TraceHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The gateway's request span: continues the client's {@code traceparent} (an invalid one
 * starts a new trace), keeps the span in scope while the adapter and the call pipeline
 * run on the request's thread (so the envelope and every log line carry it), answers the
 * span's {@code traceparent} on the response, and ends the span when the response is
 * complete, asynchronous ones included. One span per API call: Spring's
 * {@code http.server.requests} observation stays off (its timer duplicates
 * {@code mcp_bridge_request_duration_seconds}).
 */
class TraceFilter implements Filter {

	static final String SPAN_NAME = "gateway request";

	private static final String SPAN_ATTRIBUTE = TraceFilter.class.getName() + ".span";

	private static final Propagator.Getter<HttpServletRequest> HEADERS = HttpServletRequest::getHeader;

	private final Tracer tracer;

	private final Propagator propagator;

	TraceFilter(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		HttpServletResponse answer = (HttpServletResponse) response;
		if (http.getDispatcherType() == DispatcherType.ASYNC && http.getAttribute(SPAN_ATTRIBUTE) instanceof Span own) {
			// A later dispatch of the same request (its body received without a thread,
			// see SlowBodyFilter): the request's span again, not a new one.
			try (Tracer.SpanInScope scope = tracer.withSpan(own)) {
				chain.doFilter(request, response);
			}
			return;
		}
		Span span = propagator.extract(http, HEADERS)
			.name(SPAN_NAME)
			.kind(Span.Kind.SERVER)
			.tag("http.request.method", http.getMethod())
			.start();
		String traceparent = TraceContexts.inject(propagator, span).get(TraceHeaders.TRACEPARENT);
		if (traceparent != null) {
			answer.setHeader(TraceHeaders.TRACEPARENT, traceparent);
		}
		http.setAttribute(SPAN_ATTRIBUTE, span);
		boolean async = false;
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			chain.doFilter(request, response);
			async = http.isAsyncStarted();
			if (async) {
				http.getAsyncContext().addListener(new EndOnComplete(span, answer));
			}
		}
		catch (IOException | ServletException | RuntimeException failure) {
			span.error(failure);
			throw failure;
		}
		finally {
			if (!async) {
				end(span, answer);
			}
		}
	}

	private static void end(Span span, HttpServletResponse response) {
		span.tag("http.response.status_code", response.getStatus());
		span.end();
	}

	/** Ends the span with the asynchronous response, whichever way it finishes. */
	private record EndOnComplete(Span span, HttpServletResponse response) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			end(span, response);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			// onComplete follows
		}

		@Override
		public void onError(AsyncEvent event) {
			// onComplete follows
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
