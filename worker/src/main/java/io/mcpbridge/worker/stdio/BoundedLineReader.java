package io.mcpbridge.worker.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-delimited lines with a hard bound on their length. A child that writes an
 * endless line (a bug, or binary junk on stdout) must not grow the worker's heap without
 * limit: the over-long line is consumed and dropped, and the caller learns its length.
 */
final class BoundedLineReader {

	/** Thrown after an over-long line was consumed up to and including its newline. */
	static final class LineTooLongException extends IOException {

		private final long length;

		LineTooLongException(long length, int limit) {
			super("line of " + length + " bytes exceeds the limit of " + limit + " bytes");
			this.length = length;
		}

		long length() {
			return length;
		}

	}

	private final InputStream in;

	private final int maxBytes;

	private final byte[] buffer = new byte[16 * 1024];

	private int position;

	private int limit;

	BoundedLineReader(InputStream in, int maxBytes) {
		this.in = in;
		this.maxBytes = maxBytes;
	}

	/**
	 * The next line without its line terminator ({@code \n} or {@code \r\n}), or null at
	 * end of stream.
	 */
	byte[] readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		long length = 0;
		boolean sawAnything = false;
		while (true) {
			if (position == limit) {
				limit = in.read(buffer);
				position = 0;
				if (limit <= 0) {
					limit = 0;
					if (!sawAnything) {
						return null;
					}
					break;
				}
			}
			sawAnything = true;
			int start = position;
			while (position < limit && buffer[position] != '\n') {
				position++;
			}
			int count = position - start;
			if (length + count <= maxBytes) {
				line.write(buffer, start, count);
			}
			length += count;
			if (position < limit) {
				position++;
				break;
			}
		}
		if (length > maxBytes) {
			throw new LineTooLongException(length, maxBytes);
		}
		byte[] bytes = line.toByteArray();
		if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
			return java.util.Arrays.copyOf(bytes, bytes.length - 1);
		}
		return bytes;
	}

}
