package io.mcpbridge.loadtests;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Finds the knee: after a warm-up at the start rate (not counted: a cold target spends it
 * compiling), raises the rate of the seed's mix (a share through the MCP endpoint, see
 * {@link BridgeLoad}) level by level, and prints per level the requests, failures, p50
 * and p99, then the highest rate held with p99 under {@code stress.p99Ms} and no failed
 * request ({@code knee: N calls/s held ...}). Stops two levels after the first level that
 * was not held, or after {@code stress.maxErrors} failed requests. No assertions: the
 * outcome is the knee.
 *
 * <p>
 * Settings: {@code stress.startRate} (default 25 calls/s), {@code stress.step} (25),
 * {@code stress.levels} (20), {@code stress.levelSeconds} (30),
 * {@code stress.warmupSeconds} (30), {@code stress.p99Ms} (1000),
 * {@code stress.maxErrors} (1000).
 */
public class StressSimulation extends Simulation {

	private final BridgeLoad load = new BridgeLoad();

	private final AtomicInteger failures = new AtomicInteger();

	private final KneeRecorder knee;

	{
		double startRate = BridgeLoad.doubleProperty("stress.startRate", 25);
		double step = BridgeLoad.doubleProperty("stress.step", 25);
		int levels = BridgeLoad.intProperty("stress.levels", 20);
		int levelSeconds = BridgeLoad.intProperty("stress.levelSeconds", 30);
		int maxErrors = BridgeLoad.intProperty("stress.maxErrors", 1000);
		int warmupSeconds = BridgeLoad.intProperty("stress.warmupSeconds", 30);
		knee = new KneeRecorder(startRate, step, levels, levelSeconds * 1000L,
				BridgeLoad.intProperty("stress.p99Ms", 1000), warmupSeconds * 1000L);
		setUp(scenario("seed mix by levels").exec(session -> session.set("sentAt", knee.sending()))
			.exec(load.mixedCall())
			.exec(session -> {
				long sentAt = session.getLong("sentAt");
				knee.record(sentAt, System.currentTimeMillis() - sentAt, session.isFailed());
				if (session.isFailed()) {
					failures.incrementAndGet();
				}
				return session;
			})
			.stopLoadGeneratorIf(session -> "past the knee or " + failures.get() + " failed requests: stopping",
					session -> failures.get() >= maxErrors || knee.pastTheKnee(System.currentTimeMillis()))
			.injectOpen(constantUsersPerSec(startRate).during(Math.max(1, warmupSeconds)),
					incrementUsersPerSec(step).times(levels)
						.eachLevelLasting(Duration.ofSeconds(levelSeconds))
						.startingFrom(startRate)))
			.protocols(BridgeLoad.protocol());
	}

	@Override
	public void before() {
		load.openSessions();
	}

	@Override
	public void after() {
		System.out.println(knee.report());
	}

}
