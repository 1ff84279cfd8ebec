package io.mcpbridge.loadtests;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A long, flat run of the seed's mix, for leaks and slow drifts (memory, history growth, Redis keys, consumer lag):
 * compare the first and last minutes of the report's response-time chart, and the stack's RSS.
 *
 * <p>
 * Settings: {@code soak.rate} calls per second (default 40), {@code soak.minutes} (60), {@code soak.p99Ms} (1000),
 * {@code soak.maxFailedPercent} (0.1).
 */
public class SoakSimulation extends Simulation {

	private final BridgeLoad load = new BridgeLoad();

	{
		double rate = BridgeLoad.doubleProperty("soak.rate", 40);
		int minutes = BridgeLoad.intProperty("soak.minutes", 60);
		setUp(scenario("seed mix").exec(load.mixedCall())
			.injectOpen(rampUsersPerSec(1).to(rate).during(30), constantUsersPerSec(rate).during(minutes * 60L)))
			.protocols(BridgeLoad.protocol())
			.assertions(
					global().failedRequests().percent().lte(BridgeLoad.doubleProperty("soak.maxFailedPercent", 0.1)),
					global().responseTime().percentile(99.0).lt(BridgeLoad.intProperty("soak.p99Ms", 1000)));
	}

	@Override
	public void before() {
		load.openSessions();
	}
}
