package io.mcpbridge.worker.stdio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * One upstream child process: started from an explicit environment (never a copy of the
 * worker's), stderr drained line by line into the log, and stopped the way the MCP stdio
 * transport asks: close its stdin, wait, SIGTERM, wait, then SIGKILL of whatever is left
 * of its process tree.
 */
public final class StdioChild {

	/** A child's stderr line is logged; a runaway line must not flood the log. */
	private static final int MAX_STDERR_LINE = 2000;

	private final Process process;

	private final String name;

	private StdioChild(Process process, String name) {
		this.process = process;
		this.name = name;
	}

	/**
	 * @param environment the child's whole environment
	 * @param workingDirectory null for the worker's own
	 * @param stderrLog where the child's stderr lines go, prefixed with {@code name}
	 */
	public static StdioChild start(String name, List<String> commandLine, Map<String, String> environment,
			Path workingDirectory, Logger stderrLog) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(commandLine));
		builder.environment().clear();
		builder.environment().putAll(environment);
		if (workingDirectory != null) {
			builder.directory(workingDirectory.toFile());
		}
		Process process = builder.start();
		StdioChild child = new StdioChild(process, name);
		Thread drain = new Thread(() -> child.drainStderr(stderrLog), "mcp-stderr-" + name);
		drain.setDaemon(true);
		drain.start();
		return child;
	}

	public Process process() {
		return process;
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** "pid 123 exited with 137", or "pid 123 running" while it runs. */
	public String describe() {
		return process.isAlive() ? "pid " + process.pid() + " running"
				: "pid " + process.pid() + " exited with " + process.exitValue();
	}

	/** Waits up to {@code wait} for the child to exit; true when it did. */
	public boolean awaitExit(Duration wait) {
		try {
			return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	/**
	 * Stops the child: its stdin must already be closed (the channel closes it). Waits
	 * {@code grace} for it to exit by itself, then SIGTERM and {@code grace} again, then
	 * SIGKILL for the child and every descendant still running (snapshotted first: once
	 * the child exits, its children are re-parented).
	 */
	public void stop(Duration grace, Logger log) {
		stop(grace, grace, log);
	}

	/**
	 * As {@link #stop(Duration, Logger)}, but waits {@code exitWait} rather than
	 * {@code grace} before SIGTERM: zero when the child never got its cue to exit (a
	 * stuck write kept its stdin open).
	 */
	public void stop(Duration exitWait, Duration grace, Logger log) {
		List<ProcessHandle> tree = process.toHandle().descendants().toList();
		if (!awaitExit(exitWait)) {
			process.destroy();
			if (!awaitExit(grace)) {
				log.warn("{}: pid {} still running after SIGTERM, killing it", name, process.pid());
				process.destroyForcibly();
				awaitExit(grace);
			}
		}
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	private void drainStderr(Logger stderrLog) {
		BoundedLineReader lines = new BoundedLineReader(process.getErrorStream(), MAX_STDERR_LINE);
		while (true) {
			try {
				byte[] line = lines.readLine();
				if (line == null) {
					return;
				}
				stderrLog.info("[{}] {}", name, new String(line, StandardCharsets.UTF_8));
			}
			catch (BoundedLineReader.LineTooLongException ex) {
				stderrLog.info("[{}] (a stderr line of {} bytes, not logged)", name, ex.length());
			}
			catch (IOException ex) {
				return;
			}
		}
	}

}
