package io.mcpbridge.loadtests;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A long, flat run of the seed's mix (a share through the MCP endpoint, see
 * {@link BridgeLoad}), for leaks and slow drifts: compare the first and last minutes of
 * the report's response-time chart, and the processes' memory and file descriptors
 * ({@code load-tests/soak-record.sh} records them at start and end). Asserts: failed
 * requests at most {@code soak.maxFailedPercent} percent, p99 under {@code soak.p99Ms}.
 *
 * <p>
 * Settings: {@code soak.rate} calls per second (default 40), {@code soak.minutes} (60),
 * {@code soak.rampSeconds} (30), {@code soak.p99Ms} (1000), {@code soak.maxFailedPercent}
 * (0.1).
 */
public class SoakSimulation extends Simulation {

	private final BridgeLoad load = new BridgeLoad();

	{
		double rate = BridgeLoad.doubleProperty("soak.rate", 40);
		double minutes = BridgeLoad.doubleProperty("soak.minutes", 60);
		int ramp = BridgeLoad.intProperty("soak.rampSeconds", 30);
		setUp(scenario("seed mix").exec(load.mixedCall())
			.injectOpen(rampUsersPerSec(1).to(rate).during(ramp),
					constantUsersPerSec(rate).during(Math.round(minutes * 60))))
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
