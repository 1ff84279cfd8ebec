package io.mcpbridge.worker.pool;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Starts one upstream child and runs the MCP handshake with it. */
final class ClientFactory {

	/** A child that has not finished the handshake by then is treated as failed to start. */
	static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

	private static final Duration PROCESS_POLL = Duration.ofMillis(20);

	/** Child stderr lines are logged; a runaway line must not flood the worker log. */
	private static final int MAX_STDERR_LINE = 2000;

	private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(BridgeJson.mapper());

	private static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("mcp-bridge-worker",
			"0.1.0");

	private final Map<String, String> inheritedEnvironment;

	ClientFactory(Map<String, String> workerEnvironment) {
		this.inheritedEnvironment = ChildEnvironment.inheritedFrom(workerEnvironment);
	}

	PooledClient start(Upstream upstream, int slot) {
		requireExecutable(upstream);
		ServerParameters params = ServerParameters.builder(upstream.command())
			.args(upstream.args())
			.env(upstream.env())
			.build();
		BridgeStdioTransport transport = new BridgeStdioTransport(params, JSON, inheritedEnvironment);
		Logger childLog = LoggerFactory.getLogger("io.mcpbridge.worker.upstream." + upstream.name());
		transport.setStdErrorHandler(line -> childLog.info("[{}#{}] {}", upstream.name(), slot, truncate(line)));
		McpAsyncClient client = McpClient.async(transport)
			.requestTimeout(upstream.callTimeout())
			.initializationTimeout(START_TIMEOUT)
			.clientInfo(CLIENT_INFO)
			.build();
		try {
			// The SDK does not fail the handshake when the child exits: it would wait for the timeout.
			McpSchema.InitializeResult result = Mono.firstWithSignal(client.initialize(), exitOf(transport))
				.block(START_TIMEOUT.plusSeconds(1));
			PooledClient pooled = new PooledClient(upstream.name(), slot, client, transport.process().orElse(null),
					result);
			childLog.info("upstream {}#{} started (pid {}, server {})", upstream.name(), slot,
					pooled.pid().map(String::valueOf).orElse("?"), result.serverInfo());
			return pooled;
		}
		catch (RuntimeException ex) {
			// Whatever got started must not outlive the failed attempt.
			new PooledClient(upstream.name(), slot, client, transport.process().orElse(null), null).close(CLOSE_GRACE);
			throw new UpstreamUnavailableException(upstream.name(), "could not start " + upstream.command() + ": "
					+ rootMessage(ex), ex);
		}
	}

	/** Fails fast with a clear message, instead of a handshake timeout, when the command does not exist. */
	private void requireExecutable(Upstream upstream) {
		String command = upstream.command();
		boolean found;
		if (command.contains(File.separator)) {
			found = Files.isExecutable(Path.of(command));
		}
		else {
			String path = upstream.env().getOrDefault("PATH", inheritedEnvironment.getOrDefault("PATH", ""));
			found = Arrays.stream(path.split(File.pathSeparator))
				.anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
		}
		if (!found) {
			throw new UpstreamUnavailableException(upstream.name(), "could not start " + command
					+ ": no such executable" + (command.contains(File.separator) ? "" : " on PATH"));
		}
	}

	/** Errors when the transport's child exits; the process appears only once the transport connects. */
	private static Mono<McpSchema.InitializeResult> exitOf(BridgeStdioTransport transport) {
		return Flux.interval(PROCESS_POLL)
			.flatMap(tick -> Mono.justOrEmpty(transport.process()))
			.next()
			.flatMap(process -> Mono.fromFuture(process.onExit(), true))
			.flatMap(process -> Mono.error(new IllegalStateException(
					"the process exited with code " + process.exitValue() + " during the MCP handshake")));
	}

	private static String truncate(String line) {
		return line.length() <= MAX_STDERR_LINE ? line : line.substring(0, MAX_STDERR_LINE) + "...";
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
	}
}
