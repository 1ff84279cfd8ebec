package io.mcpbridge.gateway.cache;

import java.util.List;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import io.mcpbridge.common.CanonicalJson;
import io.mcpbridge.common.RedisKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a read's result is cached and what it depends on. The Redis key holds the tenant
 * (in the hash tag), the upstream, the tool and the SHA-256 of the canonical JSON of
 * every argument, so key order, whitespace and number spelling never make two keys for
 * one read.
 *
 * @param tenant the tenant
 * @param upstream the upstream
 * @param redisKey the entry's Redis key (also its L1 key)
 * @param dependencies fields of the version hash the entry is valid under
 */
record CacheKey(String tenant, String upstream, String redisKey, List<String> dependencies) {

	static CacheKey of(CacheRequest request) {
		if (request.isToolsList()) {
			return new CacheKey(request.tenant(), request.upstream(),
					RedisKeys.toolsListCache(request.tenant(), request.upstream()), CacheDependencies.ofToolsList());
		}
		String hash = CanonicalJson.sha256(arguments(request.arguments()));
		return new CacheKey(request.tenant(), request.upstream(),
				RedisKeys.cache(request.tenant(), request.upstream(), request.tool(), hash),
				CacheDependencies.ofRead(request.arguments()));
	}

	/**
	 * Every argument: a result never answers a call whose arguments differ in any way (an
	 * argument the upstream refuses must not get the cached success of a call without
	 * it).
	 */
	static JsonNode arguments(JsonNode arguments) {
		return arguments instanceof ObjectNode object ? object : BridgeJson.mapper().createObjectNode();
	}

	String versionsKey() {
		return RedisKeys.cacheVersions(tenant, upstream);
	}

	/**
	 * The lock of one version snapshot: fetches under different snapshots never wait on
	 * each other.
	 */
	String lockKey(Versions versions) {
		return RedisKeys.cacheLock(redisKey) + ":" + versions.digest();
	}
}
