package io.mcpbridge.standalone.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server process of this test's own, on a free port, that the test may stop and
 * start again (never the shared Redis on 6379, which other tests use).
 */
public final class OwnRedis implements AutoCloseable {

	private static final String BINARY = "/usr/bin/redis-server";

	public final int port;

	private Process process;

	private OwnRedis(int port) {
		this.port = port;
	}

	public static OwnRedis startOnFreePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			OwnRedis redis = new OwnRedis(socket.getLocalPort());
			socket.close();
			redis.start();
			return redis;
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	void start() {
		try {
			process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
					"--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
		await().atMost(Duration.ofSeconds(10)).until(this::accepts);
	}

	void stop() {
		process.destroy();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		process.destroyForcibly();
		await().atMost(Duration.ofSeconds(10)).until(() -> !accepts());
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

	@Override
	public void close() {
		if (process != null && process.isAlive()) {
			stop();
		}
	}

}
