package io.mcpbridge.worker.trace;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.TraceHeaders;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WorkerTracing} on a real OpenTelemetry SDK whose spans are kept in memory: the
 * worker's spans continue the envelope's trace, the upstream call is a child of the
 * execution, and a tools/call's {@code params._meta} gets the upstream call's context.
 */
class WorkerTracingTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CLIENT_SPAN = "00f067aa0ba902b7";

	private final List<SpanData> exported = new CopyOnWriteArrayList<>();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(new Kept()))
		.build();

	@AfterEach
	void close() {
		provider.close();
	}

	@Test
	void theWorkersSpansContinueTheEnvelopesTraceAndTheUpstreamGetsTheCallsContextInMeta() {
		WorkerTracing tracing = tracing(true);
		JsonNode params;
		try (WorkerTracing.Execution execution = tracing.execution(traced(), System.currentTimeMillis() - 40)) {
			try (WorkerTracing.Step call = tracing.step("upstream call")) {
				params = call.withMeta(Methods.TOOLS_CALL, toolParams());
			}
			try (WorkerTracing.Step reply = tracing.step("reply")) {
				reply.failed(new IllegalStateException("recorded on the span"));
			}
		}

		SpanData wait = named("queue wait");
		SpanData execution = named("worker execution");
		SpanData upstream = named("upstream call");
		assertThat(List.of(wait, execution, upstream, named("reply")))
			.allMatch(span -> span.getTraceId().equals(TRACE_ID));
		assertThat(wait.getParentSpanId()).isEqualTo(CLIENT_SPAN);
		assertThat(execution.getParentSpanId()).isEqualTo(CLIENT_SPAN);
		assertThat(upstream.getParentSpanId()).isEqualTo(execution.getSpanId());
		assertThat(named("reply").getParentSpanId()).isEqualTo(execution.getSpanId());
		assertThat(execution.getAttributes().asMap().toString()).contains("mcp.upstream=home", "mcp.method=tools/call");
		assertThat(wait.getEndEpochNanos() - wait.getStartEpochNanos()).isGreaterThanOrEqualTo(40_000_000L);

		JsonNode meta = params.path("_meta");
		assertThat(meta.path(TraceHeaders.TRACEPARENT).asString())
			.isEqualTo("00-" + TRACE_ID + "-" + upstream.getSpanId() + "-01");
		assertThat(meta.path(TraceHeaders.TRACESTATE).asString()).isEqualTo("vendor=abc");
		assertThat(meta.path("client").asString()).as("the client's own _meta entries are kept").isEqualTo("kept");
		assertThat(params.path("arguments").path("entity_id").asString()).isEqualTo("light.kitchen");
	}

	@Test
	void onlyAToolCallsParamsGetTheContextAndTheCallersParamsAreNotChanged() {
		WorkerTracing tracing = tracing(true);
		ObjectNode original = toolParams();
		try (WorkerTracing.Execution execution = tracing.execution(traced(), System.currentTimeMillis());
				WorkerTracing.Step call = tracing.step("upstream call")) {
			assertThat(call.withMeta(Methods.TOOLS_LIST, original)).isSameAs(original);
			assertThat(call.withMeta(Methods.TOOLS_CALL, original)).isNotSameAs(original);
		}
		assertThat(original.path("_meta").has(TraceHeaders.TRACEPARENT)).isFalse();
	}

	@Test
	void switchedOffOrWithoutATracerNothingIsRecordedOrPassedOn() {
		for (WorkerTracing tracing : List.of(tracing(false), WorkerTracing.off(),
				new WorkerTracing(new DefaultListableBeanFactory().getBeanProvider(Tracer.class),
						new DefaultListableBeanFactory().getBeanProvider(Propagator.class), true))) {
			ObjectNode params = toolParams();
			try (WorkerTracing.Execution execution = tracing.execution(traced(), System.currentTimeMillis());
					WorkerTracing.Step call = tracing.step("upstream call")) {
				assertThat(call.withMeta(Methods.TOOLS_CALL, params)).isSameAs(params);
				execution.failed(new IllegalStateException("ignored"));
			}
		}
		assertThat(exported).isEmpty();
	}

	private WorkerTracing tracing(boolean enabled) {
		io.opentelemetry.api.trace.Tracer otel = provider.get("test");
		OtelCurrentTraceContext context = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(otel, context, event -> {
		}, new OtelBaggageManager(context, List.of(), List.of()));
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("tracer", tracer);
		beans.registerSingleton("propagator", propagator);
		return new WorkerTracing(beans.getBeanProvider(Tracer.class), beans.getBeanProvider(Propagator.class), enabled);
	}

	private static RequestEnvelope traced() {
		long now = System.currentTimeMillis();
		return new RequestEnvelope("req-1", "acme", "s-1", "home", Methods.TOOLS_CALL, "call_service",
				BridgeJson.mapper().createObjectNode(), Priority.MEDIUM, now + 30_000, "gw-1", "light.kitchen",
				Map.of(TraceHeaders.TRACEPARENT, "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01", TraceHeaders.TRACESTATE,
						"vendor=abc"),
				now);
	}

	private static ObjectNode toolParams() {
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("name", "call_service");
		params.putObject("arguments").put("entity_id", "light.kitchen");
		params.putObject("_meta").put("client", "kept");
		return params;
	}

	private SpanData named(String name) {
		return exported.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	/** Keeps what the SDK exports. */
	private final class Kept implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			exported.addAll(spans);
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
