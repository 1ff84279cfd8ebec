package io.mcpbridge.worker.resilience;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.mcpbridge.worker.config.WorkerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Retries of calls that are safe to repeat, one resilience4j {@link Retry} per upstream:
 * {@code max-attempts} attempts with exponential backoff and jitter, only after a
 * transport-level failure ({@link TransportFailures}; an open breaker is not retried),
 * and only while the request's deadline leaves room for the longest possible wait plus
 * {@value #MIN_ATTEMPT_MS} ms for the attempt. Whether the call may be repeated is asked
 * at the first failure only, so a call that succeeds costs nothing more.
 *
 * <p>
 * Metrics: resilience4j's {@code resilience4j_retry_calls_total} (calls by outcome) and
 * {@value #RETRIES_COUNTER} (each repeated attempt, by upstream).
 */
@Component
public class UpstreamRetries {

	public static final String RETRIES_COUNTER = "mcp.worker.retries";

	/** Time an attempt needs at least to be worth starting. */
	static final long MIN_ATTEMPT_MS = 50;

	/** A result and how many times the call was repeated to get it. */
	public record Attempted<T>(T value, int retries) {
	}

	/**
	 * Carries a failure out of an attempt with the verdict on retrying it (resilience4j's
	 * predicate sees the exception only).
	 */
	private static final class AttemptFailure extends RuntimeException {

		private final boolean worthRetrying;

		AttemptFailure(RuntimeException failure, boolean worthRetrying) {
			super(failure.getMessage(), failure, false, false);
			this.worthRetrying = worthRetrying;
		}

		RuntimeException failure() {
			return (RuntimeException) getCause();
		}

	}

	private record UpstreamRetry(Retry retry, RetryProperties.Settings settings, Counter retries) {
	}

	private final Map<String, UpstreamRetry> retries = new HashMap<>();

	public UpstreamRetries(WorkerProperties worker, RetryProperties properties, MeterRegistry meters) {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		for (WorkerProperties.Upstream upstream : worker.upstreams()) {
			RetryProperties.Settings settings = properties.of(upstream.name());
			RetryConfig config = RetryConfig.custom()
				.maxAttempts(settings.maxAttempts())
				.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
						settings.multiplier(), settings.jitter()))
				.retryOnException(failure -> failure instanceof AttemptFailure attempt && attempt.worthRetrying)
				.failAfterMaxAttempts(false)
				.build();
			Counter counter = Counter.builder(RETRIES_COUNTER)
				.description("Calls to the upstream repeated after a transport-level failure")
				.tag("upstream", upstream.name())
				.register(meters);
			retries.put(upstream.name(), new UpstreamRetry(registry.retry(upstream.name(), config), settings, counter));
		}
		TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
	}

	/**
	 * Runs the call, repeating it while that is allowed.
	 * @param deadlineEpochMs the request's deadline: no attempt starts that could not end
	 * before it
	 * @param safeToRepeat asked once, at the first transport-level failure
	 * @throws RuntimeException the last attempt's failure
	 */
	public <T> Attempted<T> run(String upstream, long deadlineEpochMs, BooleanSupplier safeToRepeat, Supplier<T> call) {
		UpstreamRetry entry = retries.get(upstream);
		if (entry == null || entry.settings().maxAttempts() <= 1) {
			return new Attempted<>(call.get(), 0);
		}
		int[] attempts = { 0 };
		Boolean[] safe = { null };
		Supplier<T> attempt = () -> {
			int number = ++attempts[0];
			if (number > 1) {
				entry.retries().increment();
			}
			try {
				return call.get();
			}
			catch (RuntimeException failure) {
				if (!TransportFailures.counts(failure)) {
					throw failure;
				}
				long left = deadlineEpochMs - System.currentTimeMillis();
				boolean worth = number < entry.settings().maxAttempts()
						&& left > entry.settings().longestBackoffMs(number) + MIN_ATTEMPT_MS;
				if (worth && safe[0] == null) {
					safe[0] = safeToRepeat.getAsBoolean();
				}
				throw new AttemptFailure(failure, worth && safe[0]);
			}
		};
		try {
			return new Attempted<>(entry.retry().executeSupplier(attempt), attempts[0] - 1);
		}
		catch (AttemptFailure failed) {
			throw failed.failure();
		}
	}

}
