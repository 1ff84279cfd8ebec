package io.mcpbridge.worker.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.pool.PoolFixtures;
import io.mcpbridge.worker.stdio.JsonRpcException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamRetriesTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final UpstreamRetries retries = new UpstreamRetries(
			PoolFixtures.properties(WorkerProperties.Upstream.of("home", List.of("true"), Map.of(),
					WorkerProperties.Pool.fixed(1), Duration.ofSeconds(5))),
			new RetryProperties(3, Duration.ofMillis(10), 2, 0.5, Map.of()), meters);

	private final AtomicInteger calls = new AtomicInteger();

	private static long inSeconds(int seconds) {
		return System.currentTimeMillis() + seconds * 1000L;
	}

	/** Fails with an upstream error {@code failures} times, then answers. */
	private String flaky(int failures) {
		if (calls.incrementAndGet() <= failures) {
			throw new JsonRpcException(-32603, "injected failure", null);
		}
		return "answer";
	}

	@Test
	void aSafeCallIsRepeatedAfterTransportFailuresAndCountsItsRetries() {
		UpstreamRetries.Attempted<String> attempted = retries.run("home", inSeconds(10), () -> true, () -> flaky(2));

		assertThat(attempted.value()).isEqualTo("answer");
		assertThat(attempted.retries()).isEqualTo(2);
		assertThat(calls).hasValue(3);
		assertThat(meters.get(UpstreamRetries.RETRIES_COUNTER).tag("upstream", "home").counter().count()).isEqualTo(2);
	}

	@Test
	void givesUpAfterThreeAttemptsWithTheLastFailure() {
		assertThatThrownBy(() -> retries.run("home", inSeconds(10), () -> true, () -> flaky(10)))
			.isInstanceOf(JsonRpcException.class)
			.hasMessage("injected failure");
		assertThat(calls).hasValue(3);
	}

	@Test
	void aCallThatIsNotSafeToRepeatRunsOnce() {
		assertThatThrownBy(() -> retries.run("home", inSeconds(10), () -> false, () -> flaky(1)))
			.isInstanceOf(JsonRpcException.class);
		assertThat(calls).hasValue(1);
	}

	@Test
	void aRejectedRequestOrAnOpenBreakerIsNotRepeated() {
		assertThatThrownBy(() -> retries.run("home", inSeconds(10), () -> true, () -> {
			calls.incrementAndGet();
			throw new JsonRpcException(-32602, "invalid params", null);
		})).isInstanceOf(JsonRpcException.class);
		assertThatThrownBy(() -> retries.run("home", inSeconds(10), () -> true, () -> {
			calls.incrementAndGet();
			throw new CircuitOpenException("home", Duration.ofSeconds(3));
		})).isInstanceOf(CircuitOpenException.class);
		assertThat(calls).hasValue(2);
	}

	@Test
	void noRetryStartsThatTheDeadlineLeavesNoRoomFor() {
		assertThatThrownBy(() -> retries.run("home", System.currentTimeMillis() + 40, () -> true, () -> flaky(1)))
			.isInstanceOf(JsonRpcException.class);
		assertThat(calls).hasValue(1);
	}

}
