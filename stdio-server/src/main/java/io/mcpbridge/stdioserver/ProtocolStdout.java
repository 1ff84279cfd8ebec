package io.mcpbridge.stdioserver;

import java.io.PrintStream;

/**
 * Keeps stdout for JSON-RPC alone. Call {@link #claim()} first thing in {@code main},
 * before any class that logs is loaded: anything that prints to {@code System.out} later
 * (a logging backend such as Logback found on a shared classpath, a stray println) lands
 * on stderr instead.
 */
public final class ProtocolStdout {

	private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

	private ProtocolStdout() {
	}

	/**
	 * Points {@code System.out} at stderr and returns the real stdout, for the transport
	 * only.
	 */
	public static PrintStream claim() {
		PrintStream protocolOut = System.out;
		System.setOut(System.err);
		// Must precede the first SLF4J call; ignored unless Logback is on the classpath
		// (see the file's comment).
		if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
			System.setProperty(LOGBACK_CONFIGURATION, "io/mcpbridge/stdioserver/stdio-server-logback.xml");
		}
		return protocolOut;
	}

}
