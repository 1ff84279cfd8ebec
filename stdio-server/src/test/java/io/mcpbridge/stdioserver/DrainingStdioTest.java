package io.mcpbridge.stdioserver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-of-file reaches the transport only once every request read has its response
 * written.
 */
class DrainingStdioTest {

	private static final String REQUEST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}\n";

	private final DrainingStdio stdio = new DrainingStdio(Duration.ofSeconds(30));

	private final OutputStream stdout = this.stdio.output(new ByteArrayOutputStream());

	@Test
	void notificationsAndServerRequestsDoNotReleaseEndOfFileButTheResponseDoes() throws IOException {
		CompletableFuture<Integer> endOfFile = readAllThenEndOfFile(REQUEST);

		write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n");
		write("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":\"sampling/createMessage\",\"params\":{}}\n");
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !endOfFile.isDone());
		assertThat(this.stdio.endOfInput()).isTrue();

		write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");
		await().atMost(Duration.ofSeconds(5)).until(endOfFile::isDone);
		assertThat(endOfFile.join()).isEqualTo(-1);
	}

	@Test
	void anErrorResponseCountsAsAnAnswer() throws IOException {
		CompletableFuture<Integer> endOfFile = readAllThenEndOfFile(REQUEST);

		write("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"no\"}}\n");

		await().atMost(Duration.ofSeconds(5)).until(endOfFile::isDone);
	}

	@Test
	void notificationsFromTheClientNeedNoAnswer() {
		CompletableFuture<Integer> endOfFile = readAllThenEndOfFile(
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");

		await().atMost(Duration.ofSeconds(5)).until(endOfFile::isDone);
	}

	/**
	 * Reads the whole input on another thread, as the SDK's reader does; completes with
	 * the final read's value.
	 */
	private CompletableFuture<Integer> readAllThenEndOfFile(String input) {
		InputStream stdin = this.stdio.input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
		return CompletableFuture.supplyAsync(() -> {
			try {
				byte[] buffer = new byte[256];
				int count;
				do {
					count = stdin.read(buffer, 0, buffer.length);
				}
				while (count >= 0);
				return count;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private void write(String line) throws IOException {
		this.stdout.write(line.getBytes(StandardCharsets.UTF_8));
		this.stdout.flush();
	}

}
