package io.mcpbridge.loadtests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's REST API: one session per simulated client, then
 * {@code POST /mcp/tools/call}.
 */
final class RestTarget implements CallTarget {

	private static final Pattern SESSION_ID = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");

	static final Pattern NOT_AN_ERROR = Pattern.compile("\"isError\"\\s*:\\s*false");

	private final URI base;

	private final String tool;

	private final ProcessSet processes;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	RestTarget(URI base, String tool, ProcessSet processes) {
		this.base = base;
		this.tool = tool;
		this.processes = processes;
	}

	@Override
	public String name() {
		return "rest";
	}

	@Override
	public Caller newCaller() throws IOException, InterruptedException {
		HttpResponse<String> init = client.send(post("/mcp/initialize", "{}").build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher id = SESSION_ID.matcher(init.body());
		if (init.statusCode() != 200 || !id.find()) {
			throw new IOException("initialize answered " + init.statusCode() + ": " + init.body());
		}
		String session = id.group(1);
		return entityId -> {
			HttpRequest request = post("/mcp/tools/call",
					"{\"name\":\"" + tool + "\",\"arguments\":{\"entity_id\":\"" + entityId + "\"}}")
				.header("X-Session-ID", session)
				// Without it the gateway's cache answers most calls (34 entities, 10 s
				// TTL): the bench
				// measures the path through Kafka, the worker and the upstream.
				.header("X-Cache-Control", "no-cache")
				.build();
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || !NOT_AN_ERROR.matcher(response.body()).find()) {
				throw new IOException(
						"tools/call answered " + response.statusCode() + ": " + abbreviate(response.body()));
			}
		};
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(base.resolve(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "...";
	}

	@Override
	public ProcessSet processes() {
		return processes;
	}

	@Override
	public void close() {
		// HttpClient has no close() on Java 17; its connections end with the process.
	}

}
