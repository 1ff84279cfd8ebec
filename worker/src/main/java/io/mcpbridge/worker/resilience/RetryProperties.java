package io.mcpbridge.worker.resilience;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retries of calls that are safe to repeat, under {@value #PREFIX} (the seed's
 * {@code retry_config}). Only reads are retried (never a request the gateway marked as a
 * write), only after a transport-level failure, and never past the request's deadline.
 *
 * @param maxAttempts attempts in all, the first one included (1: no retry)
 * @param initialBackoff wait before the first retry
 * @param multiplier factor applied to the wait before each further retry
 * @param jitter randomization of each wait, as a fraction of it (0.5: between 50% and
 * 150%), so that many clients do not retry in step
 * @param upstreams per-upstream overrides by upstream name; an absent field keeps the
 * value above
 */
@Validated
@ConfigurationProperties(RetryProperties.PREFIX)
public record RetryProperties(@DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
		@DefaultValue("100ms") @NotNull Duration initialBackoff,
		@DefaultValue("2") @DecimalMin("1.0") @DecimalMax("10.0") double multiplier,
		@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("0.99") double jitter,
		Map<String, @Valid Override> upstreams) {

	public static final String PREFIX = "bridge.retry";

	public RetryProperties {
		upstreams = upstreams == null ? Map.of() : Map.copyOf(upstreams);
	}

	/** The seed's defaults: 3 attempts, backoff ×2 from 100 ms, 50% jitter. */
	public static RetryProperties defaults() {
		return new RetryProperties(3, Duration.ofMillis(100), 2, 0.5, Map.of());
	}

	@AssertTrue(message = "bridge.retry.initial-backoff must be between 1ms and 1m")
	public boolean isInitialBackoffInRange() {
		return initialBackoff == null || inRange(initialBackoff);
	}

	static boolean inRange(Duration backoff) {
		return backoff.toMillis() >= 1 && backoff.compareTo(Duration.ofMinutes(1)) <= 0;
	}

	/** The settings of one upstream: its override where it has one. */
	public Settings of(String upstream) {
		Settings settings = new Settings(maxAttempts, initialBackoff, multiplier, jitter);
		Override override = upstreams.get(upstream);
		return override == null ? settings : override.over(settings);
	}

	/** The settings in effect for one upstream. */
	public record Settings(int maxAttempts, Duration initialBackoff, double multiplier, double jitter) {

		/**
		 * The longest wait before retry number {@code retry} (1 for the first retry),
		 * jitter included.
		 */
		long longestBackoffMs(int retry) {
			return (long) Math.ceil(initialBackoff.toMillis() * Math.pow(multiplier, retry - 1.0) * (1 + jitter));
		}
	}

	/** One upstream's differences from the defaults ({@code null}: keep the default). */
	public record Override(@Min(1) @Max(10) Integer maxAttempts, Duration initialBackoff,
			@DecimalMin("1.0") @DecimalMax("10.0") Double multiplier) {

		@AssertTrue(message = "bridge.retry.upstreams.<name>.initial-backoff must be between 1ms and 1m")
		public boolean isInitialBackoffInRange() {
			return initialBackoff == null || inRange(initialBackoff);
		}

		Settings over(Settings defaults) {
			return new Settings(maxAttempts == null ? defaults.maxAttempts() : maxAttempts,
					initialBackoff == null ? defaults.initialBackoff() : initialBackoff,
					multiplier == null ? defaults.multiplier() : multiplier, defaults.jitter());
		}
	}

}
