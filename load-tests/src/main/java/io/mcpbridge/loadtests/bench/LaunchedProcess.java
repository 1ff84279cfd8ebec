package io.mcpbridge.loadtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the harness starts (the standalone stack, an extra worker), its output in a
 * log file, and a bounded wait for a line of that log. {@link #close()} sends SIGTERM,
 * waits, and only then kills what is left of its tree.
 */
final class LaunchedProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private LaunchedProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static LaunchedProcess start(String name, List<String> command, Path logDir) throws IOException {
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		return new LaunchedProcess(name, process, log);
	}

	boolean isAlive() {
		return process.isAlive();
	}

	long pid() {
		return process.pid();
	}

	Path log() {
		return log;
	}

	/**
	 * Waits until the log has a line matching {@code pattern} {@code times} times;
	 * returns the last match.
	 */
	Matcher awaitLine(Pattern pattern, int times, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<Matcher> found = find(pattern, times);
			if (found.isPresent()) {
				return found.get();
			}
			if (!process.isAlive()) {
				throw new IOException(
						name + " exited with " + process.exitValue() + " before printing " + pattern + "; see " + log);
			}
			Thread.sleep(250);
		}
		throw new IOException(name + " did not print " + pattern + " within " + timeout + "; see " + log);
	}

	private Optional<Matcher> find(Pattern pattern, int times) throws IOException {
		int seen = 0;
		Matcher last = null;
		for (String line : Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
			Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				seen++;
				last = matcher;
			}
		}
		return seen >= times ? Optional.of(last) : Optional.empty();
	}

	@Override
	public void close() {
		List<ProcessHandle> tree = process.descendants().toList();
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				System.err.println(name + " did not stop within 30 s of SIGTERM: killing it and its subprocesses");
				process.destroyForcibly();
			}
			// The stack stops its own subprocesses on SIGTERM; whatever is still there
			// after 10 s is killed.
			for (ProcessHandle child : tree) {
				child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
				if (child.isAlive()) {
					child.destroyForcibly();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
