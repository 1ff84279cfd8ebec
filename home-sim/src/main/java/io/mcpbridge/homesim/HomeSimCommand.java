package io.mcpbridge.homesim;

import java.util.List;

import io.mcpbridge.stdioserver.CurrentClasspathCommand;

/**
 * The command line that starts home-sim as a real subprocess, for other modules (worker
 * tests, standalone), on the caller's own JVM and classpath (see
 * {@link CurrentClasspathCommand}).
 */
public final class HomeSimCommand {

	/** The main class the command runs. */
	public static final String MAIN_CLASS = "io.mcpbridge.homesim.HomeSimServer";

	private HomeSimCommand() {
	}

	/**
	 * {@code [<java.home>/bin/java, -cp, <java.class.path>, io.mcpbridge.homesim.HomeSimServer, options...]}.
	 * @param options home-sim options such as {@code --latency-ms=50}, {@code --seed=7},
	 * {@code --call-log=/tmp/c.jsonl}
	 */
	public static List<String> javaCommand(String... options) {
		return CurrentClasspathCommand.of(MAIN_CLASS, options);
	}

}
