package io.mcpbridge.gateway.limits;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.mcpbridge.gateway.config.FailFastRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis (Bucket4j, compare-and-swap over Lettuce), shared by every
 * gateway replica; a key expires once its bucket would be full again, so idle clients
 * leave nothing behind. A check that fails or takes longer than the timeout falls back to
 * this gateway's {@link LocalBuckets}: rate limits are a protection, not a correctness
 * guarantee, so losing Redis must not stop traffic (fail open, counted, logged once per
 * outage). Its own Lettuce client: commands fail at once while disconnected instead of
 * queueing, and connecting is retried in the background.
 */
class SharedBuckets implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);

	/** A Redis key outlives the time its bucket takes to fill up by this much. */
	private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

	private static final long RETRY_CONNECT_MS = 1000;

	private final ClientResources resources;

	private final RedisClient client;

	private final Duration timeout;

	private final LocalBuckets local;

	private final RateLimitStats stats;

	private final ScheduledExecutorService connector;

	private final AtomicBoolean outage = new AtomicBoolean();

	private volatile StatefulRedisConnection<String, byte[]> connection;

	private volatile AsyncProxyManager<String> proxies;

	private volatile boolean closed;

	SharedBuckets(String host, int port, Duration timeout, LocalBuckets local, RateLimitStats stats) {
		this.timeout = timeout;
		this.local = local;
		this.stats = stats;
		this.resources = FailFastRedis.resources();
		this.client = FailFastRedis.client(resources, host, port, timeout);
		this.connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "rate-limit-redis-connect");
			thread.setDaemon(true);
			return thread;
		});
		connector.execute(this::connect);
	}

	private void connect() {
		if (closed) {
			return;
		}
		try {
			StatefulRedisConnection<String, byte[]> made = client
				.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
			proxies = Bucket4jLettuce.casBasedBuilder(made)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
				.requestTimeout(timeout)
				.build()
				.asAsync();
			connection = made;
		}
		catch (RuntimeException unreachable) {
			log.debug("rate-limit Redis unreachable ({}); retrying", unreachable.toString());
			connector.schedule(this::connect, RETRY_CONNECT_MS, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Takes a token from the bucket of {@code key}; never fails: without Redis, the local
	 * bucket decides.
	 */
	CompletableFuture<Verdict> consume(String key, Limit limit) {
		AsyncProxyManager<String> current = proxies;
		if (current == null) {
			return CompletableFuture.completedFuture(fallBack(key, limit, null));
		}
		try {
			return current.builder()
				.build(key, configuration(limit))
				.tryConsumeAndReturnRemaining(1)
				.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
				.handle((probe, failure) -> {
					if (failure != null) {
						return fallBack(key, limit, failure);
					}
					recovered();
					return Verdict.of(probe, false);
				});
		}
		catch (RuntimeException failure) {
			return CompletableFuture.completedFuture(fallBack(key, limit, failure));
		}
	}

	private Verdict fallBack(String key, Limit limit, Throwable failure) {
		stats.failedOpen();
		if (outage.compareAndSet(false, true)) {
			log.warn("rate limits: Redis unavailable ({}); each gateway limits calls with its own local buckets "
					+ "until Redis answers again", failure == null ? "not connected" : rootOf(failure));
		}
		return local.consume(key, limit);
	}

	private void recovered() {
		if (outage.compareAndSet(true, false)) {
			log.info("rate limits: Redis answers again; buckets are shared across gateways again");
		}
	}

	/**
	 * Whether the shared buckets are in use right now (no outage seen since the last
	 * success).
	 */
	boolean shared() {
		return proxies != null && !outage.get();
	}

	private static String rootOf(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

	static BucketConfiguration configuration(Limit limit) {
		return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
	}

	/** Greedy refill: tokens come back continuously, {@code refillPerSecond} a second. */
	static Bandwidth bandwidth(Limit limit) {
		return Bandwidth.builder()
			.capacity(limit.capacity())
			.refillGreedy(limit.capacity(), limit.timeToFill())
			.build();
	}

	@Override
	public void close() {
		closed = true;
		connector.shutdownNow();
		StatefulRedisConnection<String, byte[]> current = connection;
		if (current != null) {
			current.close();
		}
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

}
