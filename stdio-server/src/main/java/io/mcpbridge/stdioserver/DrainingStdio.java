package io.mcpbridge.stdioserver;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wraps stdin and stdout so that requests read before stdin closes still get their
 * responses.
 *
 * <p>
 * Why: the SDK's stdio transport stops writing as soon as it reads end-of-file, so a
 * client that pipes a batch of requests and closes stdin
 * ({@code printf ... | java -jar home-sim.jar}) would lose the answers still being
 * computed. Here the input side counts the JSON-RPC requests it passes on, the output
 * side counts the responses it has flushed (not the notifications or server-to-client
 * requests in between), and end-of-file is handed to the transport only once every
 * request has been answered (or after a bounded wait).
 */
public final class DrainingStdio {

	/**
	 * Longer lines are still passed on, just not inspected: one read is counted as a
	 * request (tools/call in practice), one written as a response (a large result in
	 * practice).
	 */
	private static final int MAX_INSPECTED_LINE = 64 * 1024;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Duration drainTimeout;

	private long requests;

	private long responses;

	private boolean endOfInput;

	public DrainingStdio(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
	}

	public InputStream input(InputStream stdin) {
		LineSplitter lines = new LineSplitter(MAX_INSPECTED_LINE, line -> requestRead(line == null || isRequest(line)));
		return new FilterInputStream(stdin) {
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
				else {
					lines.accept(bytes, offset, count);
				}
				return count;
			}
		};
	}

	public OutputStream output(OutputStream stdout) {
		return new FilterOutputStream(stdout) {
			private long unflushedResponses;

			private final LineSplitter lines = new LineSplitter(MAX_INSPECTED_LINE,
					line -> this.unflushedResponses += (line == null || isResponse(line)) ? 1 : 0);

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.out.write(bytes, offset, length);
				this.lines.accept(bytes, offset, length);
			}

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void flush() throws IOException {
				this.out.flush();
				responsesWritten(this.unflushedResponses);
				this.unflushedResponses = 0;
			}
		};
	}

	/** A request has a method and an id; notifications and responses get no answer. */
	private boolean isRequest(byte[] line) {
		JsonNode message = parse(line);
		return message != null && message.has("method") && message.has("id");
	}

	/** A response has an id and a result or an error. */
	private boolean isResponse(byte[] line) {
		JsonNode message = parse(line);
		return message != null && message.has("id") && (message.has("result") || message.has("error"));
	}

	private JsonNode parse(byte[] line) {
		try {
			return this.json.readTree(line);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	public synchronized boolean endOfInput() {
		return this.endOfInput;
	}

	private synchronized void requestRead(boolean request) {
		this.requests += request ? 1 : 0;
	}

	private synchronized void responsesWritten(long count) {
		this.responses += count;
		notifyAll();
	}

	private synchronized void awaitResponses() {
		this.endOfInput = true;
		long deadline = System.nanoTime() + this.drainTimeout.toNanos();
		try {
			for (long left = this.drainTimeout.toMillis(); this.responses < this.requests
					&& left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
				wait(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
