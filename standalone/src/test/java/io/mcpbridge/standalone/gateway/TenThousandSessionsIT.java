package io.mcpbridge.standalone.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.mcpbridge.homesim.HomeSimCommand;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.BridgeHttp.Response;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions live in Redis and cost no process: 10,000 sessions created alternately through
 * two gateway replicas each work through the other replica, and the upstream processes
 * (home-sim children of this JVM, found in the OS process table) are the same before and
 * after. Slow (about 3 minutes on 2 cores): tagged, still run by {@code ./mvnw verify}.
 */
@ExtendWith(SharedStack.class)
@Tag("slow")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class TenThousandSessionsIT {

	private static final int SESSIONS = 10_000;

	private static final int CLIENTS = 32;

	private static ExtraGateway second;

	@BeforeAll
	static void startSecondGateway(StandaloneStack stack) {
		second = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort());
	}

	@AfterAll
	static void stopSecondGateway() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void tenThousandSessionsThroughTwoGatewaysEachWorkThroughTheOtherAndStartNoProcess(StandaloneStack stack)
			throws Exception {
		BridgeHttp first = new BridgeHttp(stack.gatewayPort());
		BridgeHttp other = second.http();
		Set<Long> upstreamsBefore = homeSimProcesses();
		long start = System.nanoTime();

		List<String> failures = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<String>> outcomes = new ArrayList<>();
			for (int i = 0; i < SESSIONS; i++) {
				boolean even = i % 2 == 0;
				outcomes.add(
						clients.submit(() -> createThenUseThroughTheOther(even ? first : other, even ? other : first)));
			}
			for (Future<String> outcome : outcomes) {
				String failure = outcome.get();
				if (failure != null) {
					failures.add(failure);
				}
			}
		}
		finally {
			clients.shutdownNow();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(
				"[sessions] %d sessions created and used through two gateways with %d clients in %.1f s"
						+ " (%.0f sessions/s); home-sim processes before %s, after %s%n",
				SESSIONS, CLIENTS, seconds, SESSIONS / seconds, upstreamsBefore, homeSimProcesses());

		assertThat(failures).as("sessions that failed").isEmpty();
		assertThat(upstreamsBefore).as("the worker's pool runs home-sim").isNotEmpty();
		List<Long> reported = reportedPids(first, stack.workerId());
		assertThat(reported).as("the worker reports its processes").isNotEmpty();
		assertThat(upstreamsBefore).as("what the worker reports is what the OS shows").containsAll(reported);
		assertThat(homeSimProcesses()).as("no process started or stopped").isEqualTo(upstreamsBefore);
		assertThat(activeSessions(first)).as("active sessions in /mcp/status").isGreaterThanOrEqualTo(SESSIONS);
	}

	/** Null when the session works, else what went wrong. */
	private static String createThenUseThroughTheOther(BridgeHttp creator, BridgeHttp user) {
		Response created = creator.post("/mcp/initialize", "{\"clientInfo\":{\"name\":\"load\",\"version\":\"1\"}}");
		if (created.status() != 200) {
			return "initialize: " + created;
		}
		String session = created.header("X-Session-ID");
		Response tools = user.post("/mcp/tools/list", "", "X-Session-ID", session);
		if (tools.status() != 200 || tools.json().path("tools").isEmpty()) {
			return "tools/list through the other gateway: " + tools;
		}
		return null;
	}

	private static List<Long> reportedPids(BridgeHttp http, String workerId) {
		List<Long> pids = new ArrayList<>();
		http.get("/mcp/status")
			.json()
			.path("upstreams")
			.path("home")
			.path("by_worker")
			.path(workerId)
			.path("pids")
			.forEach(pid -> pids.add(pid.asLong()));
		return pids;
	}

	private static long activeSessions(BridgeHttp http) {
		return http.get("/mcp/status").json().path("sessions").path("active").asLong(-1);
	}

	/** The pids of this JVM's descendants that run home-sim. */
	static Set<Long> homeSimProcesses() {
		return ProcessHandle.current()
			.descendants()
			.filter(process -> commandLine(process).contains(HomeSimCommand.MAIN_CLASS))
			.map(ProcessHandle::pid)
			.collect(Collectors.toSet());
	}

	/**
	 * The process's command line from the OS process table. ProcessHandle.Info gives none
	 * for a command line as long as a test classpath, so Linux's /proc is read first.
	 */
	private static String commandLine(ProcessHandle process) {
		Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
		try {
			return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
		}
		catch (IOException notLinuxOrGone) {
			return process.info().commandLine().orElse("");
		}
	}

}
