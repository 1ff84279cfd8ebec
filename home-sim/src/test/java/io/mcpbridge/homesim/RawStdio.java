package io.mcpbridge.homesim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Raw JSON-RPC lines for tests that talk to a home-sim process byte by byte, without an
 * SDK client.
 */
final class RawStdio {

	static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
			+ "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"tes"
			+ "t\",\"version\":\"1\"}}}";

	static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

	private RawStdio() {
	}

	/** Writes each line to the process's stdin, newline-terminated, and flushes. */
	static void send(Process process, String... lines) throws IOException {
		OutputStream stdin = process.getOutputStream();
		for (String line : lines) {
			stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		}
		stdin.flush();
	}

}
