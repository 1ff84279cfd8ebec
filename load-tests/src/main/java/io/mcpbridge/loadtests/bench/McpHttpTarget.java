package io.mcpbridge.loadtests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * An MCP Streamable HTTP endpoint (the bridge's {@code /mcp}, or any other server): per
 * simulated client, initialize (keeping {@code Mcp-Session-Id} when the server gives
 * one), the initialized notification, then tools/call. Answers may be JSON or an SSE
 * stream; either way the body must carry the result with {@code "isError": false}.
 */
final class McpHttpTarget implements CallTarget {

	private static final String ACCEPT = "application/json, text/event-stream";

	/**
	 * Numbers the calls of every target: {@code ${n}} in the arguments makes each call's
	 * arguments unique.
	 */
	private static final AtomicLong CALLS = new AtomicLong();

	private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:");

	private static final Pattern TOOL_ERROR = Pattern.compile("\"isError\"\\s*:\\s*true");

	private static final Pattern RPC_ERROR = Pattern.compile("\"error\"\\s*:\\s*\\{");

	private final String name;

	private final URI endpoint;

	private final String tool;

	private final String argumentsTemplate;

	private final ProcessSet processes;

	private final AtomicLong ids = new AtomicLong();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * @param argumentsTemplate JSON object of the tool's arguments; {@code ${entity}} is
	 * replaced by the entity id, {@code ${n}} by a number no other call of the run gets
	 */
	McpHttpTarget(String name, URI endpoint, String tool, String argumentsTemplate, ProcessSet processes) {
		this.name = name;
		this.endpoint = endpoint;
		this.tool = tool;
		this.argumentsTemplate = argumentsTemplate;
		this.processes = processes;
	}

	/**
	 * Why this endpoint cannot be measured (empty when it can): 404 means the bridge has
	 * no MCP endpoint yet.
	 */
	Optional<String> unavailableReason() {
		try {
			HttpResponse<String> response = send(initializeBody(), null, true);
			if (response.statusCode() == 404) {
				return Optional.of("POST " + endpoint + " answered 404: no MCP Streamable HTTP endpoint there");
			}
			if (response.statusCode() != 200) {
				return Optional.of("initialize at " + endpoint + " answered " + response.statusCode() + ": "
						+ RestTarget.abbreviate(response.body()));
			}
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of("cannot reach " + endpoint + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted");
		}
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Caller newCaller() throws IOException, InterruptedException {
		HttpResponse<String> init = send(initializeBody(), null, true);
		if (init.statusCode() != 200) {
			throw new IOException(
					"initialize answered " + init.statusCode() + ": " + RestTarget.abbreviate(init.body()));
		}
		String session = init.headers().firstValue("Mcp-Session-Id").orElse(null);
		HttpResponse<String> initialized = send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
				session, false);
		if (initialized.statusCode() / 100 != 2) {
			throw new IOException("notifications/initialized answered " + initialized.statusCode());
		}
		return entityId -> {
			String body = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet()
					+ ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":"
					+ argumentsTemplate.replace("${entity}", entityId)
						.replace("${n}", Long.toString(CALLS.incrementAndGet()))
					+ "}}";
			HttpResponse<String> response = send(body, session, false);
			if (response.statusCode() != 200 || !succeeded(response.body())) {
				throw new IOException(
						"tools/call answered " + response.statusCode() + ": " + RestTarget.abbreviate(response.body()));
			}
		};
	}

	/**
	 * A JSON-RPC result that is not a tool error: {@code isError} may be absent
	 * (server-everything's echo leaves it out) or false.
	 */
	static boolean succeeded(String body) {
		return RESULT.matcher(body).find() && !TOOL_ERROR.matcher(body).find() && !RPC_ERROR.matcher(body).find();
	}

	private String initializeBody() {
		return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
				+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"mcp-bridge-bench\",\"version\":\"1\"}}}";
	}

	/**
	 * The whole body is read: for an SSE answer the server ends the stream after the
	 * response.
	 */
	private HttpResponse<String> send(String body, String session, boolean initialize)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Accept", ACCEPT)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		if (!initialize) {
			request.header("MCP-Protocol-Version", "2025-06-18");
			// As for the REST target: the bridge's cache would answer most calls (other
			// servers ignore it).
			request.header("X-Cache-Control", "no-cache");
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public ProcessSet processes() {
		return processes;
	}

	@Override
	public void close() {
		// sessions end with the server's idle timeout; nothing to release here
	}

}
