package io.mcpbridge.standalone.gateway;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Direct access to the stack's Redis, to check or prepare what the gateways share. */
final class Redis implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	Redis(int port) {
		this.client = RedisClient.create("redis://127.0.0.1:" + port);
		this.connection = client.connect();
	}

	RedisCommands<String, String> commands() {
		return connection.sync();
	}

	@Override
	public void close() {
		connection.close();
		client.shutdown();
	}
}
