package io.mcpbridge.homesim;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import io.mcpbridge.stdioserver.SerialClientTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;

/**
 * Starts home-sim as a real subprocess behind the SDK's stdio client, as other modules
 * will.
 */
final class HomeSimClients {

	private HomeSimClients() {
	}

	/**
	 * A connected, initialized client; its server's stderr lines go to {@code stderr}.
	 */
	static McpSyncClient start(ConcurrentLinkedQueue<String> stderr, String... options) {
		List<String> command = HomeSimCommand.javaCommand(options);
		ServerParameters parameters = ServerParameters.builder(command.get(0))
			.args(command.subList(1, command.size()))
			.build();
		StdioClientTransport transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
		transport.setStdErrorHandler(stderr::add);
		McpSyncClient client = McpClient.sync(new SerialClientTransport(transport))
			.requestTimeout(Duration.ofSeconds(30))
			.build();
		client.initialize();
		return client;
	}

	/**
	 * Children of this JVM right now: diff two snapshots to find the one a client
	 * started.
	 */
	static Set<ProcessHandle> children() {
		return ProcessHandle.current().children().collect(Collectors.toSet());
	}

}
