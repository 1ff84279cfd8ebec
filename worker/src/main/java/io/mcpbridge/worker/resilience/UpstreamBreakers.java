package io.mcpbridge.worker.resilience;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.mcpbridge.worker.config.WorkerProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One resilience4j circuit breaker per configured upstream, around each call to it. After
 * {@code failure-threshold} transport-level failures in a row ({@link TransportFailures})
 * the breaker opens: calls fail at once with {@link CircuitOpenException} and the time
 * left, without reaching the upstream. After {@code open-duration} it turns half-open and
 * lets {@code half-open-calls} probes through; it closes unless they all fail.
 *
 * <p>
 * Metrics: resilience4j's own ({@code resilience4j_circuitbreaker_*}) and the seed's
 * {@value #STATE_GAUGE} gauge per upstream (0 closed, 1 open, 2 half-open).
 */
@Component
public class UpstreamBreakers {

	/** The seed's metric name. */
	public static final String STATE_GAUGE = "circuit_breaker_state";

	private static final Logger log = LoggerFactory.getLogger(UpstreamBreakers.class);

	/** A breaker and when it last opened (resilience4j does not say how long is left). */
	private record Breaker(CircuitBreaker breaker, Duration openDuration, AtomicLong openedAtNanos) {

		Duration timeLeft() {
			long elapsed = System.nanoTime() - openedAtNanos.get();
			return Duration.ofNanos(Math.max(0, openDuration.toNanos() - elapsed));
		}
	}

	private final Map<String, Breaker> breakers = new LinkedHashMap<>();

	public UpstreamBreakers(WorkerProperties worker, CircuitBreakerProperties properties, MeterRegistry meters) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		for (WorkerProperties.Upstream upstream : worker.upstreams()) {
			CircuitBreakerProperties.Settings settings = properties.of(upstream.name());
			if (!settings.enabled()) {
				continue;
			}
			CircuitBreaker breaker = registry.circuitBreaker(upstream.name(), config(settings));
			Breaker entry = new Breaker(breaker, settings.openDuration(), new AtomicLong(System.nanoTime()));
			breaker.getEventPublisher().onStateTransition(event -> {
				if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
					entry.openedAtNanos().set(System.nanoTime());
				}
				log.info("circuit breaker of upstream {}: {}", upstream.name(), event.getStateTransition());
			});
			breakers.put(upstream.name(), entry);
			Gauge.builder(STATE_GAUGE, breaker, UpstreamBreakers::stateNumber)
				.description("Circuit breaker state of the upstream (0=closed, 1=open, 2=half-open)")
				.tag("upstream", upstream.name())
				.register(meters);
		}
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
	}

	static CircuitBreakerConfig config(CircuitBreakerProperties.Settings settings) {
		return CircuitBreakerConfig.custom()
			// "n failures in a row": a window of n calls, evaluated once full, that opens
			// only when all of them failed.
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.failureThreshold())
			.minimumNumberOfCalls(settings.failureThreshold())
			.failureRateThreshold(100)
			.waitDurationInOpenState(settings.openDuration())
			.permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
			// The status report and the state gauge show HALF_OPEN when the time is up,
			// not at the next call.
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.recordException(TransportFailures::counts)
			.ignoreException(TransportFailures::ignored)
			.writableStackTraceEnabled(false)
			.build();
	}

	private static double stateNumber(CircuitBreaker breaker) {
		return switch (breaker.getState()) {
			case CLOSED -> 0;
			case OPEN, FORCED_OPEN -> 1;
			case HALF_OPEN -> 2;
			default -> -1;
		};
	}

	/**
	 * Runs one call through the upstream's breaker.
	 * @throws CircuitOpenException when the breaker refuses it
	 */
	public <T> T call(String upstream, Supplier<T> call) {
		Breaker entry = breakers.get(upstream);
		if (entry == null) {
			return call.get();
		}
		try {
			return entry.breaker().executeSupplier(call);
		}
		catch (CallNotPermittedException refused) {
			throw new CircuitOpenException(upstream, entry.timeLeft());
		}
	}

	/** Each upstream's breaker, in configuration order (absent: breaker disabled). */
	public Map<String, BreakerState> states() {
		Map<String, BreakerState> states = new LinkedHashMap<>();
		breakers.forEach((upstream, entry) -> {
			CircuitBreaker.State state = entry.breaker().getState();
			CircuitBreaker.Metrics metrics = entry.breaker().getMetrics();
			long left = state == CircuitBreaker.State.OPEN ? entry.timeLeft().toMillis() : 0;
			states.put(upstream,
					new BreakerState(state.name(), left, metrics.getFailureRate(), metrics.getNumberOfBufferedCalls(),
							metrics.getNumberOfFailedCalls(), metrics.getNumberOfNotPermittedCalls()));
		});
		return states;
	}

}
