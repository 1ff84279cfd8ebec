package io.mcpbridge.stdioserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a main class as a real subprocess on this JVM's own
 * classpath, for tests and tools in modules that depend on a stdio server module.
 *
 * <p>
 * Such a module has the server and all its dependencies on its classpath already, so no
 * jar needs to be built or located first. This relies on {@code java.class.path} being a
 * plain list of entries: the parent pom configures surefire with
 * {@code useManifestOnlyJar=false} for exactly this reason. A caller started with
 * {@code java -jar} whose jar has a manifest {@code Class-Path} also works, because the
 * JVM then reports that jar as {@code java.class.path} and the child resolves the same
 * manifest.
 */
public final class CurrentClasspathCommand {

	private CurrentClasspathCommand() {
	}

	/**
	 * {@code [<java.home>/bin/java, -cp, <java.class.path>, mainClass, arguments...]}.
	 */
	public static List<String> of(String mainClass, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(List.of(arguments));
		return command;
	}

}
