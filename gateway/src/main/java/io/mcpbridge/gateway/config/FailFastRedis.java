package io.mcpbridge.gateway.config;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * A Lettuce client for optional Redis work (the cache, rate-limit buckets): commands time
 * out after {@code timeout} and, while the connection is down, fail at once instead of
 * queueing, so the caller can go on without Redis; it reconnects every second.
 */
public final class FailFastRedis {

	private FailFastRedis() {
	}

	/** Reconnect every second at most: the default backoff grows to 30 s. */
	public static ClientResources resources() {
		return DefaultClientResources.builder().reconnectDelay(Delay.constant(Duration.ofSeconds(1))).build();
	}

	public static RedisClient client(ClientResources resources, String host, int port, Duration timeout) {
		RedisClient client = RedisClient.create(resources,
				RedisURI.builder().withHost(host).withPort(port).withTimeout(timeout).build());
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(4)).build())
			.build());
		return client;
	}

}
