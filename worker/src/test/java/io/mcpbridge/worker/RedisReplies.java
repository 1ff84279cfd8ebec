package io.mcpbridge.worker;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;

import static org.awaitility.Awaitility.await;

/**
 * Plays the gateway's side of Redis: subscribes to one reply channel and collects replies
 * by request id.
 */
final class RedisReplies implements AutoCloseable {

	static final String HOST = "127.0.0.1";

	static final int PORT = 6379;

	private final RedisClient client = RedisClient.create("redis://" + HOST + ":" + PORT);

	private final StatefulRedisPubSubConnection<String, String> connection;

	private final Map<String, String> byRequestId = new ConcurrentHashMap<>();

	RedisReplies(String gatewayId) {
		connection = client.connectPubSub();
		connection.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				ReplyEnvelope reply = BridgeJson.mapper().readValue(message, ReplyEnvelope.class);
				byRequestId.put(reply.requestId(), message);
			}
		});
		connection.sync().subscribe(RedisKeys.replyChannel(gatewayId));
	}

	static boolean reachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 500);
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	/**
	 * The raw JSON published for {@code requestId}, waiting for it at most
	 * {@code timeout}.
	 */
	String awaitJson(String requestId, Duration timeout) {
		await().atMost(timeout).until(() -> byRequestId.containsKey(requestId));
		return byRequestId.get(requestId);
	}

	ReplyEnvelope reply(String requestId) {
		return BridgeJson.mapper().readValue(awaitJson(requestId, Duration.ofSeconds(30)), ReplyEnvelope.class);
	}

	@Override
	public void close() {
		connection.close();
		client.shutdown();
	}

}
