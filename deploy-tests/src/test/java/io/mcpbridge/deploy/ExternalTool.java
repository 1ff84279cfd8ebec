package io.mcpbridge.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line checker (docker compose, promtool) run on a repository file, when
 * installed.
 */
final class ExternalTool {

	private ExternalTool() {
	}

	/**
	 * The first of the candidate command lines whose program is on the PATH and answers
	 * {@code versionArgument}.
	 */
	static Optional<List<String>> find(List<List<String>> candidates, String versionArgument) {
		for (List<String> candidate : candidates) {
			String program = candidate.get(0);
			boolean onPath = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
				.stream()
				.anyMatch(dir -> Path.of(dir, program).toFile().canExecute());
			if (onPath && run(Path.of("."), concat(candidate, versionArgument)).exit() == 0) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	static Result run(Path workingDirectory, List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readNBytes(1 << 20);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, "timed out: " + command);
			}
			return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException failure) {
			return new Result(-1, failure.toString());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return new Result(-1, "interrupted");
		}
	}

	static List<String> concat(List<String> command, String... more) {
		return java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of(more)).toList();
	}

	record Result(int exit, String output) {
	}

}
