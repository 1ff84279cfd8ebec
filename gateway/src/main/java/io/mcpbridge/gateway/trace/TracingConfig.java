package io.mcpbridge.gateway.trace;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Tracing of the API calls ({@code /mcp}, {@code /mcp/*}), on unless
 * {@code bridge.tracing.enabled=false}. Spans are exported only when an OTLP endpoint is
 * configured ({@code management.opentelemetry.tracing.export.otlp.endpoint}); new traces
 * are sampled at {@code management.tracing.sampling.probability}, a client's sampled
 * trace always.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "bridge.tracing", name = "enabled", matchIfMissing = true)
class TracingConfig {

	@Bean
	FilterRegistrationBean<TraceFilter> traceFilter(ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator) {
		FilterRegistrationBean<TraceFilter> registration = new FilterRegistrationBean<>(new TraceFilter(
				tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP)));
		registration.addUrlPatterns("/mcp", "/mcp/*");
		// First: the log lines of everything after it carry the trace id.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setAsyncSupported(true);
		// Also on the async dispatch that carries a slowly received body: the request's
		// span must be current where the pipeline stamps it into the envelope.
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

}
