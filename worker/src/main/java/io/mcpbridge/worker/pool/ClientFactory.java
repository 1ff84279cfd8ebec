package io.mcpbridge.worker.pool;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.stdio.CallListener;
import io.mcpbridge.worker.stdio.JsonRpcChannel;
import io.mcpbridge.worker.stdio.StdioChild;

/** Starts one upstream child and runs the MCP handshake with it. */
final class ClientFactory {

	static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

	/**
	 * The revision the worker asks for; the child answers with the one it speaks, which
	 * is kept.
	 */
	static final String PROTOCOL_VERSION = "2025-11-25";

	private final Map<String, String> inheritedEnvironment;

	private final UpstreamEvents events;

	ClientFactory(Map<String, String> workerEnvironment, UpstreamEvents events) {
		this.inheritedEnvironment = ChildEnvironment.inheritedFrom(workerEnvironment);
		this.events = events;
	}

	PooledClient start(Upstream upstream, int slot) {
		requireExecutable(upstream);
		String name = upstream.name() + "#" + slot;
		Logger childLog = LoggerFactory.getLogger("io.mcpbridge.worker.upstream." + upstream.name());
		StdioChild child;
		try {
			child = StdioChild.start(name, commandLine(upstream), environment(upstream), upstream.workingDirectory(),
					childLog);
		}
		catch (IOException ex) {
			throw new UpstreamUnavailableException(upstream.name(),
					"could not start " + upstream.command() + ": " + ex.getMessage(), ex);
		}
		JsonRpcChannel channel = new JsonRpcChannel(name, child.process().getInputStream(),
				child.process().getOutputStream(), (int) upstream.maxLineLength().toBytes(),
				(method, params) -> events.notification(upstream.name(), method))
			.start();
		try {
			// A child that exits during the handshake closes its stdout, which fails this
			// at once.
			JsonNode result = channel.request("initialize", initializeParams(), CallListener.NONE)
				.answer()
				.get(upstream.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
			channel.notify("notifications/initialized", null);
			childLog.info("upstream {} started (pid {}, server {}, protocol {})", name, child.pid(),
					result.path("serverInfo"), result.path("protocolVersion").asString("?"));
			return new PooledClient(upstream.name(), slot, child, channel, result);
		}
		catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			// Whatever got started must not outlive the failed attempt.
			channel.close();
			child.awaitExit(Duration.ofMillis(200));
			String exit = child.isAlive() ? "" : " (" + child.describe() + ")";
			child.stop(Duration.ofSeconds(1), childLog);
			throw new UpstreamUnavailableException(upstream.name(),
					"could not start " + upstream.command() + ": " + reason(ex, upstream.startTimeout()) + exit, ex);
		}
	}

	private static List<String> commandLine(Upstream upstream) {
		List<String> commandLine = new ArrayList<>();
		commandLine.add(upstream.command());
		commandLine.addAll(upstream.args());
		return commandLine;
	}

	/**
	 * The allow-listed part of the worker's environment, then the upstream's own
	 * variables, which win.
	 */
	private Map<String, String> environment(Upstream upstream) {
		Map<String, String> environment = new HashMap<>(inheritedEnvironment);
		environment.putAll(upstream.env());
		return environment;
	}

	private static ObjectNode initializeParams() {
		ObjectNode params = BridgeJson.mapper().createObjectNode();
		params.put("protocolVersion", PROTOCOL_VERSION);
		// Sampling and elicitation requests are relayed to the HTTP client that made the
		// call.
		ObjectNode capabilities = params.putObject("capabilities");
		capabilities.putObject("sampling");
		capabilities.putObject("elicitation");
		ObjectNode clientInfo = params.putObject("clientInfo");
		clientInfo.put("name", "mcp-bridge-worker");
		clientInfo.put("version", "0.1.0");
		return params;
	}

	/**
	 * Fails fast with a clear message, instead of a handshake timeout, when the command
	 * does not exist.
	 */
	private void requireExecutable(Upstream upstream) {
		String command = upstream.command();
		boolean found;
		if (command.contains(File.separator)) {
			Path path = upstream.workingDirectory() == null ? Path.of(command)
					: upstream.workingDirectory().resolve(command);
			found = Files.isExecutable(path);
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

	private static String reason(Throwable ex, Duration startTimeout) {
		if (ex instanceof TimeoutException) {
			return "no answer to initialize within the start-timeout of " + startTimeout.toMillis() + " ms";
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
	}

}
