package io.mcpbridge.homesim;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wraps stdin and stdout so that requests read before stdin closes still get their responses.
 *
 * <p>Why: the SDK's stdio transport stops writing as soon as it reads end-of-file, so a client that pipes a batch of
 * requests and closes stdin ({@code printf ... | java -jar home-sim.jar}) would lose the answers still being computed.
 * Here the input side counts the JSON-RPC requests it passes on, the output side counts the lines it has flushed, and
 * end-of-file is handed to the transport only once every request has been answered (or after a bounded wait).
 */
final class DrainingStdio {

	/** Longer lines are still passed on, just not inspected: they are counted as requests (tools/call in practice). */
	private static final int MAX_INSPECTED_LINE = 64 * 1024;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Duration drainTimeout;

	private long requests;

	private long responses;

	private boolean endOfInput;

	DrainingStdio(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
	}

	InputStream input(InputStream stdin) {
		return new FilterInputStream(stdin) {
			private final ByteArrayOutputStream line = new ByteArrayOutputStream();

			private boolean overflow;

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] bytes, int offset, int length) throws IOException {
				int count = super.read(bytes, offset, length);
				if (count < 0) {
					awaitResponses();
				}
				for (int i = offset; i < offset + count; i++) {
					if (bytes[i] == '\n') {
						lineRead(this.overflow || isRequest(this.line.toByteArray()));
						this.line.reset();
						this.overflow = false;
					}
					else if (this.line.size() < MAX_INSPECTED_LINE) {
						this.line.write(bytes[i]);
					}
					else {
						this.overflow = true;
					}
				}
				return count;
			}
		};
	}

	OutputStream output(OutputStream stdout) {
		return new FilterOutputStream(stdout) {
			private long unflushedLines;

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.out.write(bytes, offset, length);
				for (int i = offset; i < offset + length; i++) {
					this.unflushedLines += bytes[i] == '\n' ? 1 : 0;
				}
			}

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void flush() throws IOException {
				this.out.flush();
				linesWritten(this.unflushedLines);
				this.unflushedLines = 0;
			}
		};
	}

	/** A request has a method and an id; notifications and responses get no answer. */
	private boolean isRequest(byte[] line) {
		try {
			JsonNode message = this.json.readTree(line);
			return message.has("method") && message.has("id");
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	synchronized boolean endOfInput() {
		return this.endOfInput;
	}

	private synchronized void lineRead(boolean request) {
		this.requests += request ? 1 : 0;
	}

	private synchronized void linesWritten(long lines) {
		this.responses += lines;
		notifyAll();
	}

	private synchronized void awaitResponses() {
		this.endOfInput = true;
		long deadline = System.nanoTime() + this.drainTimeout.toNanos();
		try {
			for (long left = this.drainTimeout.toMillis(); this.responses < this.requests && left > 0;
					left = (deadline - System.nanoTime()) / 1_000_000) {
				wait(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
