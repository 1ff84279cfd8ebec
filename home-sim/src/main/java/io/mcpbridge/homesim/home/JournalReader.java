package io.mcpbridge.homesim.home;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the complete lines appended to the journal since the previous call, remembering
 * the byte offset reached. Only newline-terminated lines are consumed: callers hold the
 * file lock, so an unterminated tail is a torn write (its writer died mid-line) that
 * stays pending until the next writer terminates it ({@link JournalFile#append}). Not
 * thread-safe: {@link JournaledHome} serializes access.
 */
final class JournalReader {

	/** Receives each line in file order. */
	interface Lines {

		/**
		 * @param line the bytes without the newline, or null when the line exceeded the
		 * bound and was not kept
		 */
		void accept(long start, byte[] line);

	}

	private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);

	/** Where the next unread line starts. */
	private long offset;

	long offset() {
		return this.offset;
	}

	/** After this process appended a line it has already applied: do not read it back. */
	void skipTo(long offset) {
		this.offset = offset;
	}

	void readNew(FileChannel channel, Lines lines) throws IOException {
		long size = channel.size();
		long position = this.offset;
		long lineStart = this.offset;
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		boolean oversized = false;
		while (position < size) {
			this.chunk.clear();
			int read = channel.read(this.chunk, position);
			if (read <= 0) {
				break;
			}
			byte[] bytes = this.chunk.array();
			int from = 0;
			for (int i = 0; i < read; i++) {
				if (bytes[i] == '\n') {
					oversized = keep(line, oversized, bytes, from, i - from);
					lines.accept(lineStart, oversized ? null : line.toByteArray());
					line.reset();
					oversized = false;
					lineStart = position + i + 1;
					// Per line: if a later line throws, the lines before it are not
					// applied twice.
					this.offset = lineStart;
					from = i + 1;
				}
			}
			oversized = keep(line, oversized, bytes, from, read - from);
			position += read;
		}
	}

	/**
	 * Appends to the current line unless that would pass the bound; returns whether the
	 * line is oversized.
	 */
	private static boolean keep(ByteArrayOutputStream line, boolean oversized, byte[] bytes, int from, int length) {
		if (oversized || line.size() + length > JournalCodec.MAX_LINE_BYTES) {
			line.reset();
			return true;
		}
		line.write(bytes, from, length);
		return false;
	}

}
