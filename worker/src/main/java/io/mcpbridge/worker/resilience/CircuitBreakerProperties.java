package io.mcpbridge.worker.resilience;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The circuit breaker of each upstream, under {@value #PREFIX} (the seed's
 * {@code circuit_breaker} section). A breaker counts the upstream's transport-level
 * failures only (its own JSON-RPC errors, timeouts, crashes, failed starts), never a tool
 * result with {@code isError: true} nor a request the upstream rejected as invalid.
 *
 * @param enabled false: no breaker, every call reaches the upstream
 * @param failureThreshold failures in a row that open the breaker (the count-based window
 * and its minimum number of calls both have this size, at a 100% failure rate)
 * @param openDuration how long an open breaker answers UPSTREAM_CIRCUIT_OPEN at once
 * before it lets probes through
 * @param halfOpenCalls probes a half-open breaker lets through; it closes again unless
 * they all fail
 * @param upstreams per-upstream overrides by upstream name; an absent field keeps the
 * value above
 */
@Validated
@ConfigurationProperties(CircuitBreakerProperties.PREFIX)
public record CircuitBreakerProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("5") @Min(1) @Max(1000) int failureThreshold, @DefaultValue("30s") @NotNull Duration openDuration,
		@DefaultValue("3") @Min(1) @Max(100) int halfOpenCalls, Map<String, @Valid Override> upstreams) {

	public static final String PREFIX = "bridge.circuit-breaker";

	public CircuitBreakerProperties {
		upstreams = upstreams == null ? Map.of() : Map.copyOf(upstreams);
	}

	/** The seed's defaults: 5 failures, 30 s open, 3 probes. */
	public static CircuitBreakerProperties defaults() {
		return new CircuitBreakerProperties(true, 5, Duration.ofSeconds(30), 3, Map.of());
	}

	@AssertTrue(message = "bridge.circuit-breaker.open-duration must be between 10ms and 1h")
	public boolean isOpenDurationInRange() {
		return openDuration == null || inRange(openDuration);
	}

	static boolean inRange(Duration openDuration) {
		return openDuration.toMillis() >= 10 && openDuration.compareTo(Duration.ofHours(1)) <= 0;
	}

	/** The settings of one upstream: its override where it has one. */
	public Settings of(String upstream) {
		Override override = upstreams.get(upstream);
		Settings settings = new Settings(enabled, failureThreshold, openDuration, halfOpenCalls);
		return override == null ? settings : override.over(settings);
	}

	/** The settings in effect for one upstream. */
	public record Settings(boolean enabled, int failureThreshold, Duration openDuration, int halfOpenCalls) {
	}

	/**
	 * One upstream's differences from the defaults ({@code null}: keep the default).
	 */
	public record Override(Boolean enabled, @Min(1) @Max(1000) Integer failureThreshold, Duration openDuration,
			@Min(1) @Max(100) Integer halfOpenCalls) {

		@AssertTrue(message = "bridge.circuit-breaker.upstreams.<name>.open-duration must be between 10ms and 1h")
		public boolean isOpenDurationInRange() {
			return openDuration == null || inRange(openDuration);
		}

		Settings over(Settings defaults) {
			return new Settings(enabled == null ? defaults.enabled() : enabled,
					failureThreshold == null ? defaults.failureThreshold() : failureThreshold,
					openDuration == null ? defaults.openDuration() : openDuration,
					halfOpenCalls == null ? defaults.halfOpenCalls() : halfOpenCalls);
		}
	}

}
