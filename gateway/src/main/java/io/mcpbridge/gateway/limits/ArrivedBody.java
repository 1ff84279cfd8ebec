package io.mcpbridge.gateway.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The part of a request body that has already arrived, taken without ever blocking. A
 * blocking stream's {@code available()} (Tomcat's, at least) counts only the bytes its
 * buffers hold, and a read of at most that many returns them without waiting for the
 * network; a client that sends its headers and body in one write has sent it all.
 */
final class ArrivedBody {

	private static final int CHUNK = 8192;

	private ArrivedBody() {
	}

	/**
	 * What has arrived of a body with a Content-Length (none for a chunked one, whose
	 * length is unknown), at most the whole declared length.
	 * @param maxBodyBytes the largest body taken; longer ones are declared so and never
	 * reach here
	 */
	static byte[] take(HttpServletRequest request, int maxBodyBytes) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared <= 0 || declared > maxBodyBytes) {
			return new byte[0];
		}
		ServletInputStream in = request.getInputStream();
		ByteArrayOutputStream taken = new ByteArrayOutputStream((int) Math.min(declared, CHUNK));
		byte[] chunk = new byte[CHUNK];
		while (taken.size() < declared) {
			int ready = in.available();
			if (ready <= 0) {
				break;
			}
			int read = in.read(chunk, 0, (int) Math.min(Math.min(ready, chunk.length), declared - taken.size()));
			if (read <= 0) {
				break;
			}
			taken.write(chunk, 0, read);
		}
		return taken.toByteArray();
	}

}
