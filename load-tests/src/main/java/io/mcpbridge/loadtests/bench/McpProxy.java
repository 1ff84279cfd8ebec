package io.mcpbridge.loadtests.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;

/**
 * The peer the bridge is compared with: mcp-proxy (npm, installed by bench.sh) serving
 * MCP Streamable HTTP on a free loopback port in front of one server-everything stdio
 * child, the same upstream command as the bridge's. Its CPU and RSS are those of its
 * process tree (node and the child).
 */
final class McpProxy implements AutoCloseable {

	private final LaunchedProcess process;

	private final URI endpoint;

	private McpProxy(LaunchedProcess process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	static McpProxy start(BenchOptions options, List<String> upstreamCommand) throws IOException, InterruptedException {
		if (!Files.isRegularFile(options.mcpProxyScript())) {
			throw new IOException(
					"mcp-proxy is not installed at " + options.mcpProxyScript() + ": run load-tests/bench.sh");
		}
		int port = Stack.freePort();
		List<String> command = new java.util.ArrayList<>(List.of("node", options.mcpProxyScript().toString(), "--port",
				Integer.toString(port), "--host", "127.0.0.1", "--server", "stream", "--"));
		command.addAll(upstreamCommand);
		LaunchedProcess process = LaunchedProcess.start("mcp-proxy", command, options.logDir());
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (!listening(port)) {
			if (System.nanoTime() > deadline || !process.isAlive()) {
				process.close();
				throw new IOException("mcp-proxy did not listen on " + port + " within 60 s; see " + process.log());
			}
			Thread.sleep(200);
		}
		return new McpProxy(process, URI.create("http://127.0.0.1:" + port + "/mcp"));
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	URI endpoint() {
		return endpoint;
	}

	ProcessSet processes() {
		return ProcessSet.treesAndNamed(List.of(process.pid()), List.of());
	}

	@Override
	public void close() {
		process.close();
	}

}
