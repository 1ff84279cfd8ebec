package io.mcpbridge.homesim;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.mcpbridge.homesim.fault.FaultInjector;
import io.mcpbridge.homesim.home.Home;
import io.mcpbridge.homesim.home.HomeAccess;
import io.mcpbridge.homesim.home.JournaledHome;
import io.mcpbridge.stdioserver.ProtocolStdout;
import io.mcpbridge.stdioserver.StdioServerChannel;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A stdio MCP server simulating a Home Assistant home. Speaks newline-delimited JSON-RPC
 * on stdin/stdout, logs only to stderr, and exits 0 when stdin closes (1 if the transport
 * stopped without end-of-file, e.g. after an unparseable line; 2 for bad options).
 *
 * <p>
 * Options: {@code --latency-ms=N} (sleep N ms in every tool call, default 0),
 * {@code --seed=N} (seed of the sensor values, default 42), {@code --call-log=PATH}
 * (append one JSON line per tools/call), {@code --state-file=PATH} (share one home with
 * every home-sim given the same path, see {@link JournaledHome}); injected faults, seeded
 * by {@code --seed}: {@code --fail-rate}, {@code --slow-rate}/{@code --slow-ms},
 * {@code --hang-rate}, {@code --crash-rate}, {@code --faults-file} (see
 * {@link FaultInjector}).
 *
 * <p>
 * No static logger here on purpose: loading a logging backend before {@code main}
 * redirects stdout could let it capture the real stdout.
 */
public final class HomeSimServer {

	static final String NAME = "home-sim";

	static final String VERSION = "0.1.0";

	/**
	 * After stdin closes, how long requests already read may still take to be answered
	 * (plus the latency).
	 */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	private HomeSimServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Before anything else: stdout is the protocol channel.
		PrintStream protocolOut = ProtocolStdout.claim();
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(NAME + ": " + ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		// Explicit exit: the SDK's transport threads are not all daemons.
		System.exit(run(options, System.in, protocolOut));
	}

	static int run(Options options, InputStream stdin, OutputStream stdout) throws InterruptedException {
		McpJsonMapper mapper = McpJsonDefaults.getMapper();
		StdioServerChannel channel = StdioServerChannel.open(mapper, stdin, stdout,
				DRAIN_TIMEOUT.plusMillis(options.latencyMs()));
		HomeAccess home;
		try {
			home = openHome(options);
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			System.err.println(NAME + ": cannot open the state file " + options.stateFile() + ": " + ex.getMessage());
			return 2;
		}
		try (CallLog callLog = CallLog.open(options.callLog(), mapper)) {
			HomeTools tools = new HomeTools(home, new ToolInvoker(mapper, callLog, options.latencyMs(),
					new FaultInjector(options.faults(), options.faultsFile(), options.seed())));
			McpServer.sync(channel.transportProvider())
				.serverInfo(NAME, VERSION)
				.instructions("A simulated Home Assistant home. Start with get_entities and get_services.")
				.capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
				.jsonMapper(mapper)
				// Validation is ours (ToolArguments): every call then gets the same
				// latency, call log and messages.
				.validateToolInputs(false)
				.tools(tools.specifications())
				.build();
			System.err.println(NAME + ": ready, " + options);
			return channel.awaitExitCode();
		}
		catch (IOException ex) {
			System.err.println(NAME + ": cannot open the call log: " + ex);
			return 2;
		}
		finally {
			closeQuietly(home);
		}
	}

	/**
	 * The home of this process alone, or with --state-file the one every process on that
	 * file shares.
	 */
	private static HomeAccess openHome(Options options) throws IOException {
		Home home = Home.create(options.seed());
		return options.stateFile() == null ? HomeAccess.inMemory(home) : JournaledHome.open(options.stateFile(), home);
	}

	private static void closeQuietly(HomeAccess home) {
		if (home instanceof Closeable closeable) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				System.err.println(NAME + ": cannot close the state file: " + ex);
			}
		}
	}

}
