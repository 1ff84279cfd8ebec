package io.mcpbridge.worker.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import io.mcpbridge.common.CacheInvalidation;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.config.WorkerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Invalidates the gateways' cached reads that a write may have changed: bumps the write's
 * fields in the version hash (entries read under the old values are never served again,
 * in L2 or any L1) and publishes them so that every gateway drops its L1 copies at once.
 * Runs after the write executed and before its reply is published, so the client's next
 * read, through any gateway, cannot see the old state.
 *
 * <p>
 * When the cache lives in the worker's own Redis (the default: {@code bridge.cache.host}
 * and {@code port} unset), the invalidation rides in the script that stores and publishes
 * the reply ({@link io.mcpbridge.worker.reply.ReplyPublisher}): no round trip of its own.
 * Otherwise it is one script on the cache Redis, before the reply's.
 *
 * <p>
 * The cache is optional: when its Redis fails, the write's reply still goes out (counted
 * in {@code mcp.worker.cache.invalidation.failures}). Entries cached before such a write
 * may then be served until their TTL (see the README's cache section).
 */
@Component
public class CacheInvalidator implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CacheInvalidator.class);

	/**
	 * KEYS: version hash. ARGV: channel, message, fields... Bumps every field, then
	 * announces them.
	 */
	private static final String INVALIDATE = """
			for i = 3, #ARGV do redis.call('HINCRBY', KEYS[1], ARGV[i], 1) end
			redis.call('PUBLISH', ARGV[1], ARGV[2])
			return 1
			""";

	private final RedisClient client;

	private final Counter failures;

	private final Counter invalidations;

	private final boolean inResultsRedis;

	private StatefulRedisConnection<String, String> connection;

	/**
	 * What a write invalidates, as the reply's script runs it: bump {@code fields} in
	 * {@code versionsKey}, then publish {@code message} on {@code channel}.
	 */
	public record Invalidation(String requestId, String versionsKey, String channel, String message,
			List<String> fields) {
	}

	CacheInvalidator(WorkerProperties properties, MeterRegistry meters,
			@Value("${spring.data.redis.host:localhost}") String redisHost,
			@Value("${spring.data.redis.port:6379}") int redisPort) {
		WorkerProperties.Cache cache = properties.cache();
		String host = cache.host() == null || cache.host().isBlank() ? redisHost : cache.host();
		int port = cache.port() == 0 ? redisPort : cache.port();
		this.inResultsRedis = host.equals(redisHost) && port == redisPort;
		this.client = RedisClient
			.create(RedisURI.builder().withHost(host).withPort(port).withTimeout(cache.timeout()).build());
		// Fail at once while disconnected rather than queue: a write's reply must not
		// wait for the cache.
		this.client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		this.failures = Counter.builder("mcp.worker.cache.invalidation.failures")
			.description("Writes whose cache invalidation failed (the cache Redis was unreachable)")
			.register(meters);
		this.invalidations = Counter.builder("mcp.worker.cache.invalidations")
			.description("Writes that invalidated the cached reads of their entity")
			.register(meters);
	}

	/**
	 * Invalidates what the request may have changed, if it is a write; never throws. With
	 * the cache in the results Redis it only returns the invalidation, for the reply's
	 * script to run (then report the outcome with {@link #ranWithReply}); otherwise it
	 * runs it here and returns null, as it does for a request that is not a write.
	 */
	public Invalidation afterWrite(RequestEnvelope request) {
		if (!request.write() || !Methods.TOOLS_CALL.equals(request.method())) {
			return null;
		}
		List<String> fields = CacheDependencies.ofWrite(request.arguments());
		Invalidation invalidation = new Invalidation(request.requestId(),
				RedisKeys.cacheVersions(request.tenant(), request.upstream()), RedisKeys.cacheInvalidationChannel(),
				BridgeJson.mapper()
					.writeValueAsString(new CacheInvalidation(request.tenant(), request.upstream(), fields)),
				fields);
		if (inResultsRedis) {
			return invalidation;
		}
		List<String> args = new ArrayList<>(List.of(invalidation.channel(), invalidation.message()));
		args.addAll(fields);
		try {
			connection().sync()
				.eval(INVALIDATE, ScriptOutputType.INTEGER, new String[] { invalidation.versionsKey() },
						args.toArray(String[]::new));
			ranWithReply(invalidation, true);
		}
		catch (RuntimeException failure) {
			log.warn("could not invalidate the cache after write {} ({})", request.requestId(), failure.toString());
			ranWithReply(invalidation, false);
		}
		return null;
	}

	/** Counts (and on failure logs) how an invalidation went. */
	public void ranWithReply(Invalidation invalidation, boolean succeeded) {
		if (succeeded) {
			invalidations.increment();
			return;
		}
		failures.increment();
		log.warn("write {}: cached reads of {} may stay old until their TTL (invalidation failed)",
				invalidation.requestId(), invalidation.fields());
	}

	private synchronized StatefulRedisConnection<String, String> connection() {
		if (connection == null) {
			// Lettuce reconnects an established connection by itself; only the first
			// connect is ours.
			connection = client.connect();
		}
		return connection;
	}

	@Override
	public synchronized void close() {
		if (connection != null) {
			connection.close();
		}
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
