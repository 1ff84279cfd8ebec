package io.mcpbridge.standalone.trace;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The spans each app of a test JVM exported, kept in memory by application name
 * ({@code mcp-bridge-gateway}, {@code mcp-bridge-worker}): the exporter the tracing test
 * reads instead of a collector. Bounded: the oldest spans go first, so a long test run
 * that samples its traffic does not grow without end.
 */
public final class KeptSpans implements SpanExporter {

	static final int CAPACITY = 20_000;

	private static final Map<String, KeptSpans> BY_APP = new ConcurrentHashMap<>();

	private final Deque<SpanData> spans = new ArrayDeque<>();

	static KeptSpans of(String application) {
		return BY_APP.computeIfAbsent(application, name -> new KeptSpans());
	}

	/** The spans of one trace exported so far. */
	synchronized List<SpanData> ofTrace(String traceId) {
		return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
	}

	/** Each app's span names and trace ids, for a failure's message. */
	static String describe() {
		StringBuilder text = new StringBuilder();
		BY_APP.forEach((app, kept) -> {
			synchronized (kept) {
				text.append(app)
					.append(": ")
					.append(kept.spans.stream().map(span -> span.getName() + "@" + span.getTraceId()).toList())
					.append("; ");
			}
		});
		return text.toString();
	}

	@Override
	public synchronized CompletableResultCode export(Collection<SpanData> batch) {
		for (SpanData span : batch) {
			if (spans.size() >= CAPACITY) {
				spans.removeFirst();
			}
			spans.addLast(span);
		}
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

	/**
	 * Registered in every app a test starts (through this module's test
	 * {@code AutoConfiguration.imports}); Boot adds each {@link SpanExporter} bean to its
	 * span processor.
	 */
	@AutoConfiguration
	public static class Registration {

		@Bean
		SpanExporter keptSpans(Environment environment) {
			return of(environment.getProperty("spring.application.name", "unnamed"));
		}

	}

}
