package io.mcpbridge.redisprocess;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes sure every test JVM of a module that depends on this one has a Redis on
 * 127.0.0.1:6379, the address the tests and the apps' defaults use: the one already
 * running (CI and developer machines usually have one), else a redis-server started for
 * the session and stopped when it ends. So {@code ./mvnw verify} needs nothing installed
 * but a JDK. Registered through {@code META-INF/services}; tests that kill and restart
 * Redis use their own port.
 */
public final class TestRedisSession implements LauncherSessionListener {

	/** The port the tests and the apps' defaults use. */
	static final int PORT = 6379;

	private RedisProcess redis;

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		try {
			this.redis = RedisProcess.reuseOrStart(PORT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no Redis answers on 127.0.0.1:" + PORT + " and none could be started", ex);
		}
	}

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		if (this.redis != null) {
			this.redis.close();
		}
	}

}
