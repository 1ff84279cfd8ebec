package io.mcpbridge.gateway.cache;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.mcpbridge.gateway.config.FailFastRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's own Lettuce client, apart from Spring's Redis (sessions, replies): commands
 * time out after {@code bridge.cache.redis.timeout} and, while the connection is down,
 * fail at once instead of queueing, so a lost cache Redis costs a request nothing but the
 * cache. Connecting is retried in the background; Lettuce reconnects (and re-subscribes)
 * by itself after that.
 */
class CacheRedis implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CacheRedis.class);

	private static final long RETRY_CONNECT_MS = 1000;

	/** A Lua script and its SHA-1, sent by digest once Redis knows it. */
	record Script(String text, String sha) {

		static Script of(String text) {
			try {
				byte[] sha = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
				return new Script(text, HexFormat.of().formatHex(sha));
			}
			catch (NoSuchAlgorithmException impossible) {
				throw new IllegalStateException("every JVM has SHA-1", impossible);
			}
		}
	}

	/** Thrown for any command while no connection has been made yet. */
	static final class NotConnectedException extends RuntimeException {

		NotConnectedException() {
			super("the cache Redis is not connected", null, false, false);
		}

	}

	private final ClientResources resources;

	private final RedisClient client;

	private final ScheduledExecutorService scheduler;

	private volatile StatefulRedisConnection<String, String> connection;

	private volatile StatefulRedisPubSubConnection<String, String> subscription;

	private volatile boolean closed;

	CacheRedis(String host, int port, Duration timeout, ScheduledExecutorService scheduler) {
		this.resources = FailFastRedis.resources();
		this.client = FailFastRedis.client(resources, host, port, timeout);
		this.scheduler = scheduler;
	}

	/** Connects now or keeps trying in the background; never fails. */
	void start(String channel, BiConsumer<String, String> onMessage, Runnable onReconnect) {
		client.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
				onReconnect.run();
			}
		});
		connect(channel, onMessage);
	}

	private void connect(String channel, BiConsumer<String, String> onMessage) {
		if (closed) {
			return;
		}
		try {
			if (connection == null) {
				connection = client.connect();
			}
			if (subscription == null) {
				StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
				pubSub.addListener(new RedisPubSubAdapter<>() {
					@Override
					public void message(String from, String message) {
						onMessage.accept(from, message);
					}
				});
				pubSub.sync().subscribe(channel);
				subscription = pubSub;
			}
		}
		catch (RuntimeException unreachable) {
			log.warn("cache Redis unreachable ({}); the cache is bypassed until it answers", unreachable.toString());
			scheduler.schedule(() -> connect(channel, onMessage), RETRY_CONNECT_MS, TimeUnit.MILLISECONDS);
		}
	}

	RedisCommands<String, String> commands() {
		StatefulRedisConnection<String, String> current = connection;
		if (current == null) {
			throw new NotConnectedException();
		}
		return current.sync();
	}

	@SuppressWarnings("unchecked")
	<T> T eval(Script script, ScriptOutputType type, String[] keys, String... args) {
		RedisCommands<String, String> commands = commands();
		try {
			return (T) commands.evalsha(script.sha(), type, keys, args);
		}
		catch (RedisNoScriptException unknown) {
			return (T) commands.eval(script.text(), type, keys, args);
		}
	}

	@Override
	public void close() {
		closed = true;
		if (subscription != null) {
			subscription.close();
		}
		if (connection != null) {
			connection.close();
		}
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

}
