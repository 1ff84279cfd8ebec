package io.mcpbridge.stdioserver;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProvider;

/**
 * The stdin/stdout channel of a stdio MCP server built on the SDK: the SDK's transport,
 * wrapped so that it writes one message at a time ({@link LifecycleTransportProvider})
 * and answers requests read before end-of-file ({@link DrainingStdio}).
 *
 * <p>
 * Usage: build the SDK server on {@link #transportProvider()}, then
 * {@link #awaitExitCode()} in {@code main}.
 */
public final class StdioServerChannel {

	private final DrainingStdio stdio;

	private final LifecycleTransportProvider transport;

	private StdioServerChannel(DrainingStdio stdio, LifecycleTransportProvider transport) {
		this.stdio = stdio;
		this.transport = transport;
	}

	/**
	 * @param drainTimeout after stdin closes, how long requests already read may still
	 * take to be answered
	 */
	public static StdioServerChannel open(McpJsonMapper mapper, InputStream stdin, OutputStream stdout,
			Duration drainTimeout) {
		DrainingStdio stdio = new DrainingStdio(drainTimeout);
		LifecycleTransportProvider transport = new LifecycleTransportProvider(
				new StdioServerTransportProvider(mapper, stdio.input(stdin), stdio.output(stdout)));
		return new StdioServerChannel(stdio, transport);
	}

	public McpServerTransportProvider transportProvider() {
		return this.transport;
	}

	/**
	 * Blocks until the transport has closed: 0 when stdin reached end-of-file, 1 when the
	 * transport stopped on its own (e.g. after an unparseable line) while stdin stayed
	 * open.
	 */
	public int awaitExitCode() throws InterruptedException {
		this.transport.awaitClosed();
		return this.stdio.endOfInput() ? 0 : 1;
	}

}
