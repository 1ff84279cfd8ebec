package io.mcpbridge.loadtests;

import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Ramps the seed's mix (open model: arrivals do not wait for answers) from 1 call/s to a target rate, then holds it.
 *
 * <p>
 * Settings: {@code load.rate} target calls per second (default 150), {@code load.rampSeconds} (60),
 * {@code load.holdSeconds} (180), {@code load.p99Ms} (1000), {@code load.maxFailedPercent} (1.0).
 */
public class LoadSimulation extends Simulation {

	private final BridgeLoad load = new BridgeLoad();

	{
		double rate = BridgeLoad.doubleProperty("load.rate", 150);
		int ramp = BridgeLoad.intProperty("load.rampSeconds", 60);
		int hold = BridgeLoad.intProperty("load.holdSeconds", 180);
		List<PopulationBuilder> populations = new ArrayList<>();
		populations.add(scenario("seed mix").exec(load.mixedCall())
			.injectOpen(rampUsersPerSec(1).to(rate).during(ramp), constantUsersPerSec(rate).during(hold)));
		if (BridgeLoad.mcpEnabled()) {
			populations.add(BridgeLoad.mcpScenario(50).injectOpen(constantUsersPerSec(1).during(ramp + hold)));
		}
		setUp(populations).protocols(BridgeLoad.protocol())
			.assertions(global().failedRequests().percent().lte(BridgeLoad.doubleProperty("load.maxFailedPercent", 1.0)),
					global().responseTime().percentile(99.0).lt(BridgeLoad.intProperty("load.p99Ms", 1000)));
	}

	@Override
	public void before() {
		load.openSessions();
	}
}
