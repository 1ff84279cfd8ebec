package io.mcpbridge.gateway;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The real Redis at 127.0.0.1:6379 for tests that use keys of their own tenant: connected
 * before the class's first test, closed after its last. As a JUnit extension:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final LocalRedis local = new LocalRedis();
 *
 * private static final StringRedisTemplate redis = local.template();
 * </pre>
 *
 * A Redis answers on 6379 in every test JVM of this module: redis-process's
 * {@code TestRedisSession} (a launcher session listener on the test classpath) reuses the
 * one running or starts a redis-server for the session.
 */
public final class LocalRedis implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	/** The address the tests and the apps' defaults use. */
	public static final int PORT = 6379;

	private final LettuceConnectionFactory connections = new LettuceConnectionFactory("127.0.0.1", PORT);

	/** Usable once connected; built now so that a test class can keep it in a field. */
	private final StringRedisTemplate template = new StringRedisTemplate(connections);

	/** A connection for one test's own use (try-with-resources). */
	public static LocalRedis connect() {
		LocalRedis redis = new LocalRedis();
		redis.open();
		return redis;
	}

	public StringRedisTemplate template() {
		return template;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		open();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	private void open() {
		connections.afterPropertiesSet();
		connections.start();
	}

	@Override
	public void close() {
		connections.destroy();
	}

}
