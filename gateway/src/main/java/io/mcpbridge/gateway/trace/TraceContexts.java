package io.mcpbridge.gateway.trace;

import java.util.HashMap;
import java.util.Map;

import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.TraceHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The trace context of the call in hand, in its W3C form: what the envelope (and so the
 * Kafka record and the upstream's {@code _meta}) carries. The span in scope is the
 * gateway's request span ({@link TraceFilter}); without one (tracing off, or a call made
 * off the request's thread) a request travels without a trace.
 */
@Component
public class TraceContexts {

	private final Tracer tracer;

	private final Propagator propagator;

	TraceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
	}

	/** The request carrying the current span's context, or as it is without one. */
	public RequestEnvelope stamp(RequestEnvelope request) {
		Span current = tracer.currentSpan();
		if (current == null || !request.trace().isEmpty()) {
			return request;
		}
		Map<String, String> context = TraceHeaders.checked(inject(propagator, current));
		return context.isEmpty() ? request : request.withTrace(context);
	}

	static Map<String, String> inject(Propagator propagator, Span span) {
		Map<String, String> carrier = new HashMap<>(4);
		propagator.inject(span.context(), carrier, Map::put);
		return carrier;
	}

}
