package io.mcpbridge.worker.pool;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A stdio MCP server from npm, installed under {@code target/npm} on first use. Tests
 * that need it are skipped (with the reason) when node/npm are missing or the registry
 * cannot be reached.
 */
final class NpmServer {

	private static final long INSTALL_TIMEOUT_SECONDS = 300;

	private NpmServer() {
	}

	/**
	 * The package's entry file, installing {@code name@version} first if it is not there
	 * yet.
	 */
	static synchronized Path entry(String packageSpec, String packageName, String entryFile)
			throws IOException, InterruptedException {
		assumeTrue(onPath("node") && onPath("npm"),
				"node and npm are not on PATH: this test runs a real npm MCP server (" + packageSpec + ")");
		Path prefix = Path.of("target", "npm").toAbsolutePath();
		Path entry = prefix.resolve("node_modules").resolve(packageName).resolve(entryFile);
		if (Files.isRegularFile(entry)) {
			return entry;
		}
		Files.createDirectories(prefix);
		Path log = prefix.resolve("install.log");
		Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
				packageSpec)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean finished = npm.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (!finished) {
			npm.destroyForcibly();
		}
		assumeTrue(finished && npm.exitValue() == 0 && Files.isRegularFile(entry),
				"npm install " + packageSpec + " did not succeed within " + INSTALL_TIMEOUT_SECONDS + " s, see " + log);
		return entry;
	}

	private static boolean onPath(String executable) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, executable))) {
				return true;
			}
		}
		return false;
	}

}
