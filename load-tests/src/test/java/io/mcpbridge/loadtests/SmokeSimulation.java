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
 * CI's first load check (about 60 s, against the standalone stack): the seed's traffic
 * mix at a steady rate (a share of it through the MCP endpoint, see {@link BridgeLoad}),
 * one tool call per virtual user on pools of sessions, plus one REST initialize and one
 * MCP handshake (initialize, initialized, one call) per second. Asserts: no failed
 * request (an error status, a timeout, an {@code isError} result), p99 under the bound.
 *
 * <p>
 * Settings: {@code smoke.rate} tool calls per second after a 10 s ramp (default 30),
 * {@code smoke.seconds} (60), {@code smoke.p99Ms} (default 2000).
 *
 * <p>
 * The bound, from measurements on the 2-core machine (stack, Maven and Gatling on the
 * same two cores, stack started cold as in CI): p99 333 ms (cold stack, load average 8
 * from other builds), 342 ms (warm stack, 50 calls/s); with the machine saturated by
 * other builds (load average 24) it reached 4.2 s. 2000 ms is 6x the normal figure, so a
 * slower CI machine passes, while a request path that stalls (a lost reply waiting for
 * its 30 s timeout, a blocked partition, a dead worker) still fails the run.
 */
public class SmokeSimulation extends Simulation {

	/**
	 * CI starts the stack cold: the first seconds run JIT compilation on the same two
	 * cores.
	 */
	private static final int RAMP_SECONDS = 10;

	private final BridgeLoad load = new BridgeLoad();

	{
		int rate = BridgeLoad.intProperty("smoke.rate", 30);
		int seconds = BridgeLoad.intProperty("smoke.seconds", 60);
		int p99Ms = BridgeLoad.intProperty("smoke.p99Ms", 2000);
		List<PopulationBuilder> populations = new ArrayList<>();
		populations.add(scenario("seed mix").exec(load.mixedCall())
			.injectOpen(rampUsersPerSec(1).to(rate).during(RAMP_SECONDS),
					constantUsersPerSec(rate).during(seconds - RAMP_SECONDS)));
		populations.add(BridgeLoad.initializeScenario().injectOpen(constantUsersPerSec(1).during(seconds)));
		if (BridgeLoad.mcpEnabled()) {
			populations.add(BridgeLoad.mcpHandshakeScenario().injectOpen(constantUsersPerSec(1).during(seconds)));
		}
		setUp(populations).protocols(BridgeLoad.protocol())
			.assertions(global().failedRequests().count().is(0L), global().responseTime().percentile(99.0).lt(p99Ms));
	}

	@Override
	public void before() {
		load.openSessions();
	}

}
