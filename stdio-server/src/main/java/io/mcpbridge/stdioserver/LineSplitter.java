package io.mcpbridge.stdioserver;

import java.io.ByteArrayOutputStream;

/**
 * Cuts a byte stream into newline-delimited lines as it passes, keeping at most
 * {@code maxInspected} bytes of each: a longer line is reported as overflowed rather than
 * buffered whole.
 */
final class LineSplitter {

	/**
	 * Receives each complete line: its bytes, or null when it was longer than the limit.
	 */
	interface LineConsumer {

		void line(byte[] lineOrNullIfOverflowed);

	}

	private final int maxInspected;

	private final LineConsumer consumer;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private boolean overflow;

	LineSplitter(int maxInspected, LineConsumer consumer) {
		this.maxInspected = maxInspected;
		this.consumer = consumer;
	}

	void accept(byte[] bytes, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			if (bytes[i] == '\n') {
				this.consumer.line(this.overflow ? null : this.line.toByteArray());
				this.line.reset();
				this.overflow = false;
			}
			else if (this.line.size() < this.maxInspected) {
				this.line.write(bytes[i]);
			}
			else {
				this.overflow = true;
			}
		}
	}

}
