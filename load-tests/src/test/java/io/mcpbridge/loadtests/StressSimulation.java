package io.mcpbridge.loadtests;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Raises the rate of the seed's mix step by step until requests fail (an error status, a timeout, an
 * {@code isError} result), then stops: the report's last levels show where and how the bridge gives way (503
 * OVERLOADED from max-pending, 504 timeouts, growing queueing). Ends early once {@code stress.maxErrors} requests
 * failed; prints the second of the first failure.
 *
 * <p>
 * Settings: {@code stress.startRate} (default 25 calls/s), {@code stress.step} (25), {@code stress.levels} (20),
 * {@code stress.levelSeconds} (30), {@code stress.maxErrors} (100).
 * No assertions: the outcome is the rate reached, read from the report.
 */
public class StressSimulation extends Simulation {

	private final BridgeLoad load = new BridgeLoad();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicLong firstFailureMillis = new AtomicLong();

	private long startMillis;

	{
		int maxErrors = BridgeLoad.intProperty("stress.maxErrors", 100);
		setUp(scenario("seed mix until errors").exec(load.mixedCall()).exec(session -> {
			if (session.isFailed() && failures.incrementAndGet() == 1) {
				firstFailureMillis.set(System.currentTimeMillis());
			}
			return session;
		})
			.stopLoadGeneratorIf(session -> failures.get() + " requests failed: stopping", session -> failures.get() >= maxErrors)
			.injectOpen(incrementUsersPerSec(BridgeLoad.doubleProperty("stress.step", 25))
				.times(BridgeLoad.intProperty("stress.levels", 20))
				.eachLevelLasting(Duration.ofSeconds(BridgeLoad.intProperty("stress.levelSeconds", 30)))
				.startingFrom(BridgeLoad.doubleProperty("stress.startRate", 25))))
			.protocols(BridgeLoad.protocol());
	}

	@Override
	public void before() {
		load.openSessions();
		startMillis = System.currentTimeMillis();
	}

	@Override
	public void after() {
		long first = firstFailureMillis.get();
		System.out.println(first == 0 ? "stress: no request failed"
				: String.format("stress: first failure %.0f s after the start; %d failures in all",
						(first - startMillis) / 1000.0, failures.get()));
	}
}
