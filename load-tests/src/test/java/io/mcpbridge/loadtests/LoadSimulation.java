package io.mcpbridge.loadtests;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Ramps the seed's mix (open model: arrivals do not wait for answers; a share through the
 * MCP endpoint, see {@link BridgeLoad}) from 1 call/s to a target rate, then holds it.
 * Asserts: failed requests at most {@code load.maxFailedPercent} percent (0: none may
 * fail), p99 under {@code load.p99Ms}. CI's load gate runs it against the local fleet for
 * 60 s with no failure allowed.
 *
 * <p>
 * Settings: {@code load.rate} target calls per second (default 150),
 * {@code load.rampSeconds} (60), {@code load.holdSeconds} (180), {@code load.p99Ms}
 * (1000), {@code load.maxFailedPercent} (1.0).
 */
public class LoadSimulation extends Simulation {

	private final BridgeLoad load = new BridgeLoad();

	{
		double rate = BridgeLoad.doubleProperty("load.rate", 150);
		int ramp = BridgeLoad.intProperty("load.rampSeconds", 60);
		int hold = BridgeLoad.intProperty("load.holdSeconds", 180);
		setUp(scenario("seed mix").exec(load.mixedCall())
			.injectOpen(rampUsersPerSec(1).to(rate).during(ramp), constantUsersPerSec(rate).during(hold)))
			.protocols(BridgeLoad.protocol())
			.assertions(
					global().failedRequests().percent().lte(BridgeLoad.doubleProperty("load.maxFailedPercent", 1.0)),
					global().responseTime().percentile(99.0).lt(BridgeLoad.intProperty("load.p99Ms", 1000)));
	}

	@Override
	public void before() {
		load.openSessions();
	}

}
