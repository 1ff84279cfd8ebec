package io.mcpbridge.standalone.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a plain socket, one request per connection: it sends what a hostile
 * client would (malformed request lines, oversized headers, encoded slashes, any Host)
 * that {@code java.net.http} refuses to send.
 */
final class RawHttp {

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	/**
	 * @param head the request line and headers, without the final blank line and without
	 * Connection / Content-Length (added here)
	 */
	Response send(String head, byte[] body) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			StringBuilder request = new StringBuilder(head).append("\r\nConnection: close\r\n");
			if (body != null) {
				request.append("Content-Length: ").append(body.length).append("\r\n");
			}
			request.append("\r\n");
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				try {
					out.write(body);
				}
				catch (IOException refusedEarly) {
					// The server may answer (413) and close before the whole body is
					// sent.
				}
			}
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException failure) {
			throw new IllegalStateException("no answer to " + head.lines().findFirst().orElse(""), failure);
		}
	}

	static Response read(InputStream in) throws IOException {
		byte[] all = in.readAllBytes();
		String text = new String(all, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IOException("no complete response: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(chunked, at);
			if (lineEnd < 0) {
				break;
			}
			String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
			int size = Integer.parseInt(sizeText, 16);
			if (size == 0) {
				break;
			}
			out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
			at = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		return -1;
	}

	record Response(int status, Map<String, String> headers, String body) {

		String contentType() {
			return headers.getOrDefault("content-type", "");
		}

		/** The JSON body, or the last {@code data:} of an SSE body. */
		JsonNode json() {
			if (contentType().startsWith("text/event-stream")) {
				String last = null;
				for (String line : body.split("\n")) {
					if (line.startsWith("data:")) {
						last = line.substring(5).trim();
					}
				}
				return last == null ? BridgeJson.mapper().missingNode() : BridgeJson.mapper().readTree(last);
			}
			return BridgeJson.mapper().readTree(body);
		}

		@Override
		public String toString() {
			return status + " " + headers + " " + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
		}

	}

}
