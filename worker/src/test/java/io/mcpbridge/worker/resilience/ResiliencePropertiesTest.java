package io.mcpbridge.worker.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The breaker and retry settings as bound and validated at start-up. */
class ResiliencePropertiesTest {

	@Configuration
	@EnableConfigurationProperties({ CircuitBreakerProperties.class, RetryProperties.class })
	static class Bound {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Bound.class);

	@Test
	void defaultsAreTheSeeds() {
		runner.run(context -> {
			assertThat(context.getBean(CircuitBreakerProperties.class).of("home"))
				.isEqualTo(CircuitBreakerProperties.defaults().of("home"));
			assertThat(context.getBean(RetryProperties.class).of("home"))
				.isEqualTo(RetryProperties.defaults().of("home"));
		});
	}

	@Test
	void anUpstreamOverrideKeepsTheOtherDefaults() {
		runner
			.withPropertyValues("bridge.circuit-breaker.open-duration=10s",
					"bridge.circuit-breaker.upstreams.slow.failure-threshold=2",
					"bridge.retry.upstreams.slow.max-attempts=1")
			.run(context -> {
				CircuitBreakerProperties.Settings slow = context.getBean(CircuitBreakerProperties.class).of("slow");
				assertThat(slow.failureThreshold()).isEqualTo(2);
				assertThat(slow.openDuration()).isEqualTo(Duration.ofSeconds(10));
				assertThat(context.getBean(CircuitBreakerProperties.class).of("home").failureThreshold()).isEqualTo(5);
				assertThat(context.getBean(RetryProperties.class).of("slow").maxAttempts()).isEqualTo(1);
			});
	}

	@Test
	void outOfRangeValuesFailTheStartWithTheirName() {
		runner
			.withPropertyValues("bridge.circuit-breaker.failure-threshold=0", "bridge.circuit-breaker.open-duration=0s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("failureThreshold")
				.hasMessageContaining("bridge.circuit-breaker.open-duration must be between 10ms and 1h"));
		runner.withPropertyValues("bridge.retry.max-attempts=50", "bridge.retry.multiplier=0.5")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("maxAttempts")
				.hasMessageContaining("multiplier"));
	}

}
