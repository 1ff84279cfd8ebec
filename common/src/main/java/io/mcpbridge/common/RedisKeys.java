package io.mcpbridge.common;

/**
 * Every Redis key and channel name. Tenant-scoped keys carry the tenant in a hash tag
 * ({@code {tenant}}) so that one tenant's keys live in one Redis Cluster slot.
 */
public final class RedisKeys {

	private static final String ROOT = "mcp:";

	private RedisKeys() {
	}

	public static String session(String tenant, String sessionId) {
		return scoped(tenant) + "session:" + Identifiers.requireId("session id", sessionId);
	}

	public static String result(String tenant, String requestId) {
		return scoped(tenant) + "result:" + Identifiers.requireId("request id", requestId);
	}

	public static String dedup(String tenant, String key) {
		return scoped(tenant) + "dedup:" + Identifiers.requireId("dedup key", key);
	}

	/**
	 * A worker's claim on a request it is executing, so that a redelivered record never runs twice
	 * concurrently. Lives next to the result key, in the same hash slot.
	 */
	public static String executing(String tenant, String requestId) {
		return scoped(tenant) + "executing:" + Identifiers.requireId("request id", requestId);
	}

	/**
	 * The requests one tenant has pending across all gateway replicas (a sorted set scored by deadline),
	 * for the per-tenant backpressure bound.
	 */
	public static String inflight(String tenant) {
		return scoped(tenant) + "inflight";
	}

	/** A cached tool result: one tool of one upstream, one canonical hash of the (varying) arguments. */
	public static String cache(String tenant, String upstream, String tool, String argumentsHash) {
		return scoped(tenant) + "cache:" + Identifiers.requireName("upstream", upstream) + ":"
				+ Identifiers.requireName("tool", tool) + ":" + requireHash(argumentsHash);
	}

	/** The cached tools/list of an upstream ('/' cannot occur in a tool name, so no tool key collides). */
	public static String toolsListCache(String tenant, String upstream) {
		return scoped(tenant) + "cache:" + Identifiers.requireName("upstream", upstream) + ":tools/list";
	}

	/** The short lock a gateway holds while it alone fetches a missing cache entry (stampede protection). */
	public static String cacheLock(String cacheKey) {
		return cacheKey + ":lock";
	}

	/**
	 * A hash of version counters per upstream and tenant (fields from {@link CacheDependencies}): a
	 * write bumps the fields it touches, and a cache entry is valid only while the fields it was read
	 * under are unchanged. Same hash slot as the tenant's cache entries, so one script reads both.
	 */
	public static String cacheVersions(String tenant, String upstream) {
		return scoped(tenant) + "cachever:" + Identifiers.requireName("upstream", upstream);
	}

	/** The pub/sub channel on which writes announce invalidated fields to every gateway's L1 cache. */
	public static String cacheInvalidationChannel() {
		return ROOT + "cache-invalidations";
	}

	/** The pub/sub channel on which one gateway instance receives its replies. */
	public static String replyChannel(String gatewayId) {
		return ROOT + "replies:" + Identifiers.requireId("gateway id", gatewayId);
	}

	private static String requireHash(String hash) {
		if (hash == null || !hash.matches("[0-9a-f]{1,64}")) {
			throw new IllegalArgumentException("arguments hash must be lower-case hex: " + hash);
		}
		return hash;
	}

	private static String scoped(String tenant) {
		return ROOT + "{" + Identifiers.requireName("tenant", tenant) + "}:";
	}
}
