package io.mcpbridge.worker.trace;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.TraceHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The worker's part of a request's trace, continued from the context the gateway put in
 * the envelope: "queue wait" (from the record's produce time to the start here), "worker
 * execution" (in scope while the request runs, so log lines carry the trace id), and
 * within it "upstream call" (whose context goes to the MCP server in
 * {@code params._meta}) and "reply". Off with {@code bridge.tracing.enabled=false}: then
 * nothing is allocated.
 */
@Component
public class WorkerTracing {

	private final Tracer tracer;

	private final Propagator propagator;

	private final boolean enabled;

	/**
	 * Spring's constructor. {@code @Autowired} is what makes it so: with several
	 * constructors and none marked, Spring takes the one without arguments, and the
	 * worker ran with tracing off whatever its configuration.
	 */
	@Autowired
	WorkerTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
			@Value("${bridge.tracing.enabled:true}") boolean enabled) {
		this(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP), enabled);
	}

	private WorkerTracing(Tracer tracer, Propagator propagator, boolean enabled) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.enabled = enabled && tracer != Tracer.NOOP;
	}

	/** No spans, no context passed on (for tests of one class). */
	public static WorkerTracing off() {
		return new WorkerTracing(Tracer.NOOP, Propagator.NOOP, false);
	}

	/**
	 * Records the queue wait and opens the execution span, in scope on this thread until
	 * closed.
	 * @param producedEpochMs when the gateway produced the record (its timestamp)
	 */
	public Execution execution(RequestEnvelope request, long producedEpochMs) {
		if (!enabled) {
			return Execution.NONE;
		}
		Map<String, String> context = TraceHeaders.checked(request.trace());
		Span.Builder wait = propagator.extract(context, Map::get)
			.name("queue wait")
			.kind(Span.Kind.CONSUMER)
			.tag("mcp.priority", request.priority().name().toLowerCase(Locale.ROOT))
			.startTimestamp(producedEpochMs, TimeUnit.MILLISECONDS);
		wait.start().end(System.currentTimeMillis(), TimeUnit.MILLISECONDS);
		Span execution = propagator.extract(context, Map::get)
			.name("worker execution")
			.tag("mcp.upstream", request.upstream())
			.tag("mcp.method", Methods.SUPPORTED.contains(request.method()) ? request.method() : "unsupported")
			.start();
		return new Execution(execution, tracer.withSpan(execution));
	}

	/** A child of the span in scope, for one step of the execution. */
	public Step step(String name) {
		if (!enabled) {
			return Step.NONE;
		}
		return new Step(tracer.nextSpan().name(name).start(), propagator);
	}

	/** The execution span of one request, in scope until closed. */
	public static final class Execution implements AutoCloseable {

		static final Execution NONE = new Execution(null, null);

		private final Span span;

		private final Tracer.SpanInScope scope;

		private Execution(Span span, Tracer.SpanInScope scope) {
			this.span = span;
			this.scope = scope;
		}

		public void failed(Throwable failure) {
			if (span != null) {
				span.error(failure);
			}
		}

		@Override
		public void close() {
			if (span != null) {
				scope.close();
				span.end();
			}
		}

	}

	/** One step's span ("upstream call", "reply"). */
	public static final class Step implements AutoCloseable {

		static final Step NONE = new Step(null, null);

		private final Span span;

		private final Propagator propagator;

		private Step(Span span, Propagator propagator) {
			this.span = span;
			this.propagator = propagator;
		}

		public void failed(Throwable failure) {
			if (span != null) {
				span.error(failure);
			}
		}

		/**
		 * The params of a tools/call with this span's W3C context added to its
		 * {@code _meta} (a copy; the client's own {@code _meta} entries are kept), for
		 * servers that continue the trace; other methods' params as they are.
		 */
		public JsonNode withMeta(String method, JsonNode params) {
			if (span == null || !Methods.TOOLS_CALL.equals(method) || !(params instanceof ObjectNode object)) {
				return params;
			}
			Map<String, String> context = new HashMap<>(4);
			propagator.inject(span.context(), context, Map::put);
			if (context.isEmpty()) {
				return params;
			}
			ObjectNode copy = object.objectNode();
			copy.setAll(object);
			ObjectNode meta = copy.objectNode();
			if (object.get("_meta") instanceof ObjectNode clientMeta) {
				meta.setAll(clientMeta);
			}
			context.forEach(meta::put);
			copy.set("_meta", meta);
			return copy;
		}

		@Override
		public void close() {
			if (span != null) {
				span.end();
			}
		}

	}

}
