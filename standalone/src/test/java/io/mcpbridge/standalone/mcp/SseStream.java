package io.mcpbridge.standalone.mcp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP response read as it arrives: SSE events one at a time, so a test can act on an
 * event (answer a sampling request, disconnect) before the response ends.
 */
final class SseStream implements AutoCloseable {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final HttpResponse<Stream<String>> response;

	private final Iterator<String> lines;

	private SseStream(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.lines = response.body().iterator();
	}

	static SseStream post(int port, String path, String body, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Accept", McpClient.ACCEPT_BOTH)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return new SseStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
	}

	static SseStream get(int port, String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "text/event-stream")
			.GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return new SseStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
	}

	int status() {
		return response.statusCode();
	}

	String contentType() {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	/** The next event, or null when the stream ended. */
	McpClient.SseEvent next() {
		return readEvent(lines);
	}

	/**
	 * Reads one SSE event from its lines (id and data fields; comments skipped); null at
	 * the end.
	 */
	static McpClient.SseEvent readEvent(Iterator<String> lines) {
		String id = null;
		StringBuilder data = new StringBuilder();
		boolean any = false;
		while (lines.hasNext()) {
			String line = lines.next();
			if (line.isEmpty()) {
				if (any) {
					return new McpClient.SseEvent(id, data.toString());
				}
				continue;
			}
			if (line.startsWith("id:")) {
				id = line.substring(3).trim();
				any = true;
			}
			else if (line.startsWith("data:")) {
				data.append(line.substring(5).trim());
				any = true;
			}
		}
		return any ? new McpClient.SseEvent(id, data.toString()) : null;
	}

	/**
	 * The next event that carries a message (skips priming events), as JSON; null at the
	 * end.
	 */
	JsonNode nextMessage() {
		McpClient.SseEvent event;
		while ((event = next()) != null) {
			if (!event.data().isEmpty()) {
				lastId = event.id();
				return BridgeJson.mapper().readTree(event.data());
			}
		}
		return null;
	}

	private String lastId;

	/** The SSE id of the last message {@link #nextMessage()} returned. */
	String lastId() {
		return lastId;
	}

	/** Everything left, as JSON messages. */
	List<JsonNode> rest() {
		java.util.ArrayList<JsonNode> messages = new java.util.ArrayList<>();
		JsonNode message;
		while ((message = nextMessage()) != null) {
			messages.add(message);
		}
		return messages;
	}

	@Override
	public void close() {
		response.body().close();
	}

}
