package io.mcpbridge.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * Redis for the standalone stack: the one already answering on localhost when there is one, else a
 * real redis-server binary (shipped inside the embedded-redis artifact) started on that port, holding
 * nothing on disk.
 */
final class LocalRedis implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalRedis.class);

	private final int port;

	private final RedisServer started;

	private LocalRedis(int port, RedisServer started) {
		this.port = port;
		this.started = started;
	}

	static LocalRedis reuseOrStart(int port) throws IOException {
		if (answersPing(port)) {
			log.info("using the Redis already running on localhost:{}", port);
			return new LocalRedis(port, null);
		}
		RedisServer server = RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		server.start();
		log.info("started an embedded redis-server on 127.0.0.1:{}", port);
		return new LocalRedis(port, server);
	}

	/** Whether a Redis server answers PING on 127.0.0.1:port (raw RESP, no client library needed). */
	static boolean answersPing(int port) {
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

	int port() {
		return port;
	}

	boolean isEmbedded() {
		return started != null;
	}

	@Override
	public void close() throws IOException {
		if (started != null) {
			started.stop();
		}
	}
}
