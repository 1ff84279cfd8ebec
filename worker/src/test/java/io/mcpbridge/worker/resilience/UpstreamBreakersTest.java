package io.mcpbridge.worker.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.pool.CallTimeoutException;
import io.mcpbridge.worker.pool.PoolFixtures;
import io.mcpbridge.worker.pool.ProcessesStartingException;
import io.mcpbridge.worker.pool.UpstreamCrashedException;
import io.mcpbridge.worker.stdio.CallCancelledException;
import io.mcpbridge.worker.stdio.JsonRpcException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class UpstreamBreakersTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private static WorkerProperties worker() {
		return PoolFixtures.properties(WorkerProperties.Upstream.of("home", List.of("true"), Map.of(),
				WorkerProperties.Pool.fixed(1), Duration.ofSeconds(5)));
	}

	private UpstreamBreakers breakers(Duration openDuration) {
		return new UpstreamBreakers(worker(), new CircuitBreakerProperties(true, 5, openDuration, 1, Map.of()), meters);
	}

	private static void fail(UpstreamBreakers breakers, RuntimeException failure) {
		assertThatThrownBy(() -> breakers.call("home", () -> {
			throw failure;
		})).isSameAs(failure);
	}

	@Test
	void opensAfterFiveTransportFailuresAndRefusesWithoutCallingWithTheTimeLeft() {
		UpstreamBreakers breakers = breakers(Duration.ofSeconds(30));
		for (int i = 0; i < 4; i++) {
			fail(breakers, new JsonRpcException(-32603, "internal", null));
		}
		assertThat(breakers.states().get("home").state()).isEqualTo("CLOSED");
		fail(breakers, new UpstreamCrashedException("home", "died"));
		assertThat(breakers.states().get("home").state()).isEqualTo(BreakerState.OPEN);
		assertThat(meters.get(UpstreamBreakers.STATE_GAUGE).tag("upstream", "home").gauge().value()).isEqualTo(1);

		AtomicInteger reached = new AtomicInteger();
		assertThatThrownBy(() -> breakers.call("home", reached::incrementAndGet))
			.isInstanceOfSatisfying(CircuitOpenException.class,
					open -> assertThat(open.timeLeft()).isGreaterThan(Duration.ofSeconds(25))
						.isLessThanOrEqualTo(Duration.ofSeconds(30)))
			.hasMessageContaining("upstream home is open");
		assertThat(reached).hasValue(0);
		assertThat(breakers.states().get("home").retryAfterMs()).isBetween(25_000L, 30_000L);
	}

	@Test
	void rejectedRequestsCancellationsAndSuccessesNeverOpenIt() {
		UpstreamBreakers breakers = breakers(Duration.ofSeconds(30));
		for (int i = 0; i < 10; i++) {
			fail(breakers, new JsonRpcException(-32602, "invalid params", null));
			fail(breakers, new CallCancelledException("by the client"));
			fail(breakers, new IllegalStateException("a bug"));
			// A wait for processes being started (after a kill) never reached the
			// upstream.
			fail(breakers, new ProcessesStartingException("home", 2));
		}
		assertThat(breakers.states().get("home").state()).isEqualTo("CLOSED");
		// Four failures, a success, four failures: never five in a row.
		for (int i = 0; i < 4; i++) {
			fail(breakers, new CallTimeoutException("home", Duration.ofSeconds(1)));
		}
		assertThat(breakers.call("home", () -> "ok")).isEqualTo("ok");
		for (int i = 0; i < 4; i++) {
			fail(breakers, new CallTimeoutException("home", Duration.ofSeconds(1)));
		}
		assertThat(breakers.states().get("home").state()).isEqualTo("CLOSED");
	}

	@Test
	void turnsHalfOpenAfterTheOpenDurationAndClosesOnASuccessfulProbe() {
		UpstreamBreakers breakers = breakers(Duration.ofMillis(200));
		for (int i = 0; i < 5; i++) {
			fail(breakers, new UpstreamCrashedException("home", "died"));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(breakers.states().get("home").state()).isEqualTo("HALF_OPEN"));
		assertThat(breakers.call("home", () -> "probe")).isEqualTo("probe");
		assertThat(breakers.states().get("home").state()).isEqualTo("CLOSED");
	}

	@Test
	void aDisabledBreakerLetsEverythingThrough() {
		UpstreamBreakers breakers = new UpstreamBreakers(worker(),
				new CircuitBreakerProperties(true, 5, Duration.ofSeconds(30), 1,
						Map.of("home", new CircuitBreakerProperties.Override(false, null, null, null))),
				meters);
		for (int i = 0; i < 10; i++) {
			fail(breakers, new UpstreamCrashedException("home", "died"));
		}
		assertThat(breakers.call("home", () -> "still called")).isEqualTo("still called");
		assertThat(breakers.states()).isEmpty();
	}

}
