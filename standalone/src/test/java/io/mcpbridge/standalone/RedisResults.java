package io.mcpbridge.standalone;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Direct access to the stack's Redis, to check or prepare what the bridge stores. */
public final class RedisResults implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	public RedisResults(int port) {
		this.client = RedisClient.create("redis://127.0.0.1:" + port);
		this.connection = client.connect();
	}

	public String get(String key) {
		return connection.sync().get(key);
	}

	public RedisCommands<String, String> commands() {
		return connection.sync();
	}

	@Override
	public void close() {
		connection.close();
		client.shutdown();
	}

}
