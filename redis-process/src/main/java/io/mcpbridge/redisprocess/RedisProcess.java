package io.mcpbridge.redisprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * The Redis already answering on 127.0.0.1:port when there is one, else a real
 * redis-server binary (shipped inside the embedded-redis artifact) started on that port
 * as a child process, holding nothing on disk. The process is started here rather than by
 * the library's RedisServer, whose own JVM shutdown hook would stop Redis while an app's
 * shutdown still uses it (hooks run concurrently); the owner decides when to
 * {@link #close()} it.
 */
public final class RedisProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisProcess.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final int port;

	private final Process started;

	private RedisProcess(int port, Process started) {
		this.port = port;
		this.started = started;
	}

	/**
	 * @throws IOException when nothing answers and a redis-server cannot be started on
	 * that port
	 */
	public static RedisProcess reuseOrStart(int port) throws IOException {
		if (answersPing(port)) {
			log.info("using the Redis already running on 127.0.0.1:{}", port);
			return new RedisProcess(port, null);
		}
		String binary = ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
		Process server = new ProcessBuilder(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answersPing(port)) {
			if (!server.isAlive() || System.nanoTime() > deadline) {
				server.destroyForcibly();
				throw new IOException(
						"redis-server did not start on 127.0.0.1:" + port + " within " + START_TIMEOUT.toSeconds()
								+ " s (exit " + (server.isAlive() ? "none" : server.exitValue()) + ")");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		log.info("started a redis-server on 127.0.0.1:{}", port);
		return new RedisProcess(port, server);
	}

	/**
	 * Whether a Redis server answers PING on 127.0.0.1:port (raw RESP, no client library
	 * needed).
	 */
	public static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException notThere) {
			return false;
		}
	}

	public int port() {
		return this.port;
	}

	/** True when this object started the server (and {@link #close()} stops it). */
	public boolean isStartedHere() {
		return this.started != null;
	}

	/**
	 * Stops the server if it was started here; a Redis that was already running is left
	 * alone.
	 */
	@Override
	public void close() {
		if (this.started == null) {
			return;
		}
		this.started.destroy();
		try {
			if (!this.started.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.started.destroyForcibly();
			}
		}
		catch (InterruptedException interrupted) {
			this.started.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
