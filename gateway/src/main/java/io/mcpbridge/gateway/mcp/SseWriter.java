package io.mcpbridge.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes Server-Sent Events: {@code id} and {@code data} lines, comments, one flush per
 * event.
 */
final class SseWriter {

	private final OutputStream out;

	private SseWriter(OutputStream out) {
		this.out = out;
	}

	/** Sets the stream's headers and commits them. */
	static SseWriter start(HttpServletResponse response) throws IOException {
		response.setStatus(200);
		response.setContentType("text/event-stream");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-cache, no-transform");
		// Proxies such as nginx would otherwise buffer the stream and hold back progress.
		response.setHeader("X-Accel-Buffering", "no");
		SseWriter writer = new SseWriter(response.getOutputStream());
		response.flushBuffer();
		return writer;
	}

	/** An event; {@code data} is one line of JSON (JSON never needs a raw newline). */
	void event(String id, String data) throws IOException {
		StringBuilder event = new StringBuilder();
		if (id != null) {
			event.append("id: ").append(id).append('\n');
		}
		event.append("data: ").append(data).append("\n\n");
		write(event.toString());
	}

	/** A comment line: keeps the connection alive and reveals a client that went away. */
	void comment(String text) throws IOException {
		write(": " + text + "\n\n");
	}

	private void write(String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}
