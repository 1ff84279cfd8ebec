package io.mcpbridge.homesim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts home-sim as a real subprocess, for other modules (worker tests, standalone).
 *
 * <p>It reuses the caller's own JVM and classpath: a module that depends on {@code mcp-bridge-home-sim} has home-sim
 * and all its dependencies on its classpath already, so no jar needs to be built or located first. This relies on
 * {@code java.class.path} being a plain list of entries: the parent pom configures surefire with
 * {@code useManifestOnlyJar=false} for exactly this reason. A caller started with {@code java -jar} whose jar has a
 * manifest {@code Class-Path} also works, because the JVM then reports that jar as {@code java.class.path} and the
 * child resolves the same manifest.
 */
public final class HomeSimCommand {

	/** The main class the command runs. */
	public static final String MAIN_CLASS = "io.mcpbridge.homesim.HomeSimServer";

	private HomeSimCommand() {
	}

	/**
	 * {@code [<java.home>/bin/java, -cp, <java.class.path>, io.mcpbridge.homesim.HomeSimServer, options...]}.
	 * @param options home-sim options such as {@code --latency-ms=50}, {@code --seed=7}, {@code --call-log=/tmp/c.jsonl}
	 */
	public static List<String> javaCommand(String... options) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(MAIN_CLASS);
		command.addAll(List.of(options));
		return command;
	}

}
