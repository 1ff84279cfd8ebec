package io.mcpbridge.gateway.cache;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheInvalidation;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Wires the cache: its own Redis client (by default on the Redis of
 * {@code spring.data.redis}), the L1 level and the subscription that keeps L1 in step
 * with writes.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfig {

	private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);

	/**
	 * Lock polls and the work after an upstream reply; small: each task is one Redis
	 * command.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService cacheExecutor() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2,
				new CustomizableThreadFactory("cache-"));
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	@Bean(destroyMethod = "close")
	CacheRedis cacheRedis(GatewayProperties properties, ScheduledExecutorService cacheExecutor,
			@Value("${spring.data.redis.host:localhost}") String redisHost,
			@Value("${spring.data.redis.port:6379}") int redisPort) {
		GatewayProperties.CacheRedis redis = properties.cache().redis();
		String host = redis.host() == null || redis.host().isBlank() ? redisHost : redis.host();
		int port = redis.port() == 0 ? redisPort : redis.port();
		return new CacheRedis(host, port, redis.timeout(), cacheExecutor);
	}

	@Bean
	ReadCache readCache(GatewayProperties properties, CacheRedis cacheRedis, CachePolicies policies, CacheStats stats,
			ScheduledExecutorService cacheExecutor) {
		GatewayProperties.Cache config = properties.cache();
		L1Cache l1 = config.l1().enabled()
				? new L1Cache(config.l1().maxEntries(), config.l1().ttl(), config.staleIfError(), stats) : null;
		RedisCacheStore store = new RedisCacheStore(cacheRedis, stats);
		if (config.enabled()) {
			cacheRedis.start(RedisKeys.cacheInvalidationChannel(), (channel, message) -> invalidate(l1, message),
					() -> {
						// Invalidations published while disconnected are lost: nothing in
						// L1 can be trusted.
						if (l1 != null) {
							l1.clear();
						}
					});
			if (config.resetOnStart()) {
				store.resetEpoch(properties.defaultTenant(), properties.defaultUpstream());
			}
		}
		return new ReadCache(config, l1, store, policies, stats, cacheExecutor);
	}

	private static void invalidate(L1Cache l1, String message) {
		if (l1 == null) {
			return;
		}
		try {
			CacheInvalidation invalidation = BridgeJson.mapper().readValue(message, CacheInvalidation.class);
			l1.invalidate(invalidation.tenant(), invalidation.upstream(), invalidation.fields());
		}
		catch (RuntimeException undecodable) {
			// A message we cannot read may have invalidated anything.
			log.warn("undecodable cache invalidation, clearing L1: {}", undecodable.getMessage());
			l1.clear();
		}
	}

}
