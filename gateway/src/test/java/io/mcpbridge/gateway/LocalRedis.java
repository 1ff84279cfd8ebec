package io.mcpbridge.gateway;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A connection to the real Redis at 127.0.0.1:6379, for tests that use keys of their own
 * tenant.
 */
public final class LocalRedis implements AutoCloseable {

	private final LettuceConnectionFactory connections;

	private final StringRedisTemplate template;

	private LocalRedis() {
		connections = new LettuceConnectionFactory("127.0.0.1", 6379);
		connections.afterPropertiesSet();
		connections.start();
		template = new StringRedisTemplate(connections);
	}

	public static LocalRedis connect() {
		return new LocalRedis();
	}

	public StringRedisTemplate template() {
		return template;
	}

	@Override
	public void close() {
		connections.destroy();
	}

}
