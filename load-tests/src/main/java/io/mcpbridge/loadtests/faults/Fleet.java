package io.mcpbridge.loadtests.faults;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a fleet started by {@code load-tests/fleet.sh} (its pid file, its
 * gateways' URLs), and the faults done to them: signals sent here, restarts through
 * {@code fleet.sh relaunch}, which knows each process's command line and keeps the pid
 * file true for {@code fleet.sh stop}.
 */
final class Fleet {

	private final Path repo;

	private final Path dir;

	Fleet(Path repo, Path dir) {
		this.repo = repo;
		this.dir = dir;
	}

	Path callLog() {
		return this.dir.resolve("calls.jsonl");
	}

	List<URI> gateways() throws IOException {
		List<URI> urls = new ArrayList<>();
		for (String url : Files.readString(this.dir.resolve("gateways")).trim().split(",")) {
			urls.add(URI.create(url));
		}
		return urls;
	}

	/**
	 * The live process of that name ({@code kafka}, {@code redis}, {@code worker-1}...).
	 */
	Optional<ProcessHandle> process(String name) throws IOException {
		Long pid = pids().get(name);
		return pid == null ? Optional.empty() : ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
	}

	/** The live processes whose name starts with {@code prefix} ({@code worker-}). */
	List<ProcessHandle> processes(String prefix) throws IOException {
		List<ProcessHandle> found = new ArrayList<>();
		pids().forEach((name, pid) -> {
			if (name.startsWith(prefix)) {
				ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(found::add);
			}
		});
		return found;
	}

	/** fleet.sh's pid file: one "name pid" line per process, in start order. */
	private Map<String, Long> pids() throws IOException {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (String line : Files.readAllLines(this.dir.resolve("pids"))) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length == 2) {
				pids.put(fields[0], Long.parseLong(fields[1]));
			}
		}
		return pids;
	}

	ProcessHandle require(String name) throws IOException {
		return process(name).orElseThrow(() -> new IllegalStateException(
				name + " of the fleet in " + this.dir + " is not running (fleet.sh status --dir=" + this.dir + ")"));
	}

	/** SIGKILL, then waits for the process to be gone. */
	void kill(ProcessHandle process) {
		process.destroyForcibly();
		process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
	}

	/**
	 * SIGTERM (the process shuts down as on a normal stop), SIGKILL if it is still there
	 * after {@code grace}.
	 */
	void stop(ProcessHandle process, Duration grace) {
		process.destroy();
		process.onExit().completeOnTimeout(process, grace.toMillis(), TimeUnit.MILLISECONDS).join();
		if (process.isAlive()) {
			System.out
				.println("  " + process.pid() + " still running " + grace.toSeconds() + " s after SIGTERM: SIGKILL");
			kill(process);
		}
	}

	/** The upstream (home-sim) processes a worker runs. */
	List<ProcessHandle> upstreamsOf(ProcessHandle worker) {
		return worker.descendants()
			.filter(child -> child.info().commandLine().orElse("").contains("home-sim"))
			.toList();
	}

	/** Starts an exited process of the fleet again, same command line, ports and data. */
	void relaunch(String name) throws IOException, InterruptedException {
		Path output = Files.createTempFile("fleet-relaunch-", ".log");
		try {
			Process script = new ProcessBuilder("bash", this.repo.resolve("load-tests/fleet.sh").toString(), "relaunch",
					name, "--dir=" + this.dir)
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			if (!script.waitFor(30, TimeUnit.SECONDS)) {
				script.destroyForcibly();
				throw new IOException("fleet.sh relaunch " + name + " did not return within 30 s");
			}
			if (script.exitValue() != 0) {
				throw new IOException("fleet.sh relaunch " + name + " failed: " + Files.readString(output).trim());
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
