package io.mcpbridge.standalone;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local fleet launcher ({@code load-tests/fleet.sh}) as the load tests use it: start
 * a Kafka broker, a Redis, two gateways and two workers as separate processes from the
 * packaged jars, call a tool through each gateway, stop, and find none of the processes
 * (nor the workers' home-sim children) alive.
 */
class FleetIT {

	private static final Pattern READY = Pattern.compile("^fleet ready in \\d+ s: gateways (\\S+) ", Pattern.MULTILINE);

	private final Path repo = Path.of("..").toAbsolutePath().normalize();

	private final Path dir = Path.of("target", "fleet-it").toAbsolutePath();

	@Test
	void startsTheFleetAsProcessesServesACallThroughEachGatewayAndStopsEveryProcess() throws Exception {
		assumeTrue(onPath("redis-server"), "fleet.sh starts its own redis-server, which is not installed here");
		List<ProcessHandle> fleet = new ArrayList<>();
		try {
			Script start = fleet("start", "--gateways=2", "--workers=2");
			assertThat(start.exit()).as(start.output()).isZero();
			Matcher ready = READY.matcher(start.output());
			assertThat(ready.find()).as(start.output()).isTrue();
			List<String> gateways = Arrays.asList(ready.group(1).split(","));
			assertThat(gateways).hasSize(2);
			assertThat(Files.readString(dir.resolve("gateways")).trim()).isEqualTo(ready.group(1));

			fleet.addAll(processesOfTheFleet());
			// redis-server, the broker, 2 gateways, 2 workers with 2 home-sim processes
			// each
			assertThat(fleet).hasSizeGreaterThanOrEqualTo(10);

			for (String gateway : gateways) {
				BridgeHttp http = new BridgeHttp(URI.create(gateway).getPort());
				Response state = http.post("/mcp/tools/call",
						"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}",
						"X-Session-ID", http.initialize());
				assertThat(state.status()).as(gateway + ": " + state.body()).isEqualTo(200);
				assertThat(state.body()).contains("light.kitchen").doesNotContain("\"isError\":true");
			}

			Script stop = fleet("stop");
			assertThat(stop.exit()).as(stop.output()).isZero();
			assertThat(stop.output()).contains("no process left");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(fleet).noneMatch(ProcessHandle::isAlive));
			assertThat(dir.resolve("pids")).doesNotExist();
		}
		finally {
			if (Files.exists(dir.resolve("pids"))) {
				fleet("stop");
			}
			fleet.forEach(ProcessHandle::destroyForcibly);
		}
	}

	/**
	 * Every process of the pid file and their descendants (a worker's home-sim
	 * processes).
	 */
	private List<ProcessHandle> processesOfTheFleet() throws IOException {
		List<ProcessHandle> processes = new ArrayList<>();
		for (String line : Files.readAllLines(dir.resolve("pids"))) {
			long pid = Long.parseLong(line.split(" ")[1]);
			ProcessHandle.of(pid).ifPresent(process -> {
				processes.add(process);
				process.descendants().forEach(processes::add);
			});
		}
		return processes;
	}

	private Script fleet(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", repo.resolve("load-tests/fleet.sh").toString()));
		command.addAll(List.of(arguments));
		command.add("--dir=" + dir);
		Path output = Files.createTempFile("fleet-", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			// start waits up to its own --timeout (240 s) for the fleet, and may first
			// fetch the broker's jars.
			if (!process.waitFor(6, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError("fleet.sh " + arguments[0] + " still running after 6 minutes");
			}
			return new Script(process.exitValue(), Files.readString(output));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static boolean onPath(String program) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
	}

	private record Script(int exit, String output) {
	}

}
