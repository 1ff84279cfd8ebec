package io.mcpbridge.loadtests.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The physical limit: the MCP Java SDK client talking stdio to home-sim, no bridge in
 * between. Like the bridge's worker, it holds a pool of home-sim processes with one call
 * in flight per process (the SDK's stdio transport rejects concurrent sends from several
 * threads: "Failed to enqueue message"); clients wait for a free process. With the same
 * pool size as the bridge's worker, both have the same upstream capacity. CPU and RSS:
 * the home-sim processes only.
 */
final class StdioTarget implements CallTarget {

	private final List<McpSyncClient> clients = new ArrayList<>();

	private final BlockingQueue<McpSyncClient> idle;

	private final ProcessSet processes;

	private final String tool;

	StdioTarget(Path homeSimJar, String tool, int poolSize) {
		this.tool = tool;
		this.idle = new ArrayBlockingQueue<>(poolSize);
		for (int i = 0; i < poolSize; i++) {
			ServerParameters parameters = ServerParameters.builder(Bench.javaExecutable())
				.args("-jar", homeSimJar.toAbsolutePath().toString(), "--latency-ms=0")
				.build();
			StdioClientTransport transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
			transport.setStdErrorHandler(line -> {
				// home-sim logs to stderr: drained so that the pipe never fills, and
				// dropped.
			});
			McpSyncClient client = McpClient.sync(transport)
				.requestTimeout(Duration.ofSeconds(30))
				.initializationTimeout(Duration.ofSeconds(60))
				.build();
			client.initialize();
			clients.add(client);
			idle.add(client);
		}
		List<Long> pids = ProcessHandle.current()
			.children()
			.filter(child -> child.info().commandLine().orElse("").contains(homeSimJar.getFileName().toString()))
			.map(ProcessHandle::pid)
			.toList();
		this.processes = ProcessSet.treesAndNamed(pids, List.of());
	}

	@Override
	public String name() {
		return "stdio";
	}

	@Override
	public Caller newCaller() {
		return entityId -> {
			McpSyncClient client = idle.take();
			try {
				McpSchema.CallToolResult result = client
					.callTool(new McpSchema.CallToolRequest(tool, Map.of("entity_id", entityId)));
				if (Boolean.TRUE.equals(result.isError())) {
					throw new IllegalStateException("isError result: " + result.content());
				}
			}
			finally {
				idle.add(client);
			}
		};
	}

	@Override
	public ProcessSet processes() {
		return processes;
	}

	@Override
	public void close() {
		clients.forEach(McpSyncClient::closeGracefully);
	}

}
