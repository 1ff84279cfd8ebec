package io.mcpbridge.standalone;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** Reads keys straight from Redis, to check what the bridge stored. */
final class RedisResults {

	private final int port;

	RedisResults(int port) {
		this.port = port;
	}

	String get(String key) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().get(key);
		}
		finally {
			client.shutdown();
		}
	}
}
