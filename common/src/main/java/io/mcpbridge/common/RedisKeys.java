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
	 * A worker's claim on a request it is executing, so that a redelivered record never
	 * runs twice concurrently. Lives next to the result key, in the same hash slot.
	 */
	public static String executing(String tenant, String requestId) {
		return scoped(tenant) + "executing:" + Identifiers.requireId("request id", requestId);
	}

	/**
	 * The requests one tenant has pending across all gateway replicas (a sorted set
	 * scored by deadline), for the per-tenant backpressure bound.
	 */
	public static String inflight(String tenant) {
		return scoped(tenant) + "inflight";
	}

	/**
	 * A rate-limit token bucket of a tenant (Bucket4j state; the key expires once the
	 * bucket would be full again). {@code scope} is {@code tenant} for the tenant's own
	 * budget, {@code client:<id>} for one client's.
	 */
	public static String rateLimit(String tenant, String scope) {
		return scoped(tenant) + "ratelimit:" + Identifiers.requireId("rate-limit scope", scope);
	}

	/**
	 * A cached tool result: one tool of one upstream, one canonical hash of the (varying)
	 * arguments.
	 */
	public static String cache(String tenant, String upstream, String tool, String argumentsHash) {
		return scoped(tenant) + "cache:" + Identifiers.requireName("upstream", upstream) + ":"
				+ Identifiers.requireName("tool", tool) + ":" + requireHash(argumentsHash);
	}

	/**
	 * The cached tools/list of an upstream ('/' cannot occur in a tool name, so no tool
	 * key collides).
	 */
	public static String toolsListCache(String tenant, String upstream) {
		return scoped(tenant) + "cache:" + Identifiers.requireName("upstream", upstream) + ":tools/list";
	}

	/**
	 * The short lock a gateway holds while it alone fetches a missing cache entry
	 * (stampede protection).
	 */
	public static String cacheLock(String cacheKey) {
		return cacheKey + ":lock";
	}

	/**
	 * A hash of version counters per upstream and tenant (fields from
	 * {@link CacheDependencies}): a write bumps the fields it touches, and a cache entry
	 * is valid only while the fields it was read under are unchanged. Same hash slot as
	 * the tenant's cache entries, so one script reads both.
	 */
	public static String cacheVersions(String tenant, String upstream) {
		return scoped(tenant) + "cachever:" + Identifiers.requireName("upstream", upstream);
	}

	/**
	 * The pub/sub channel on which writes announce invalidated fields to every gateway's
	 * L1 cache.
	 */
	public static String cacheInvalidationChannel() {
		return ROOT + "cache-invalidations";
	}

	/** The pub/sub channel on which one gateway instance receives its replies. */
	public static String replyChannel(String gatewayId) {
		return ROOT + "replies:" + Identifiers.requireId("gateway id", gatewayId);
	}

	/**
	 * What a worker relayed during one request (progress, log messages, requests to the
	 * client), in order: a list any gateway can replay when a client resumes the
	 * request's SSE stream. The session is part of the key, so a client can only resume
	 * streams of its own session.
	 */
	public static String events(String tenant, String sessionId, String requestId) {
		return scoped(tenant) + "events:" + (sessionId == null ? "-" : Identifiers.requireId("session id", sessionId))
				+ ":" + Identifiers.requireId("request id", requestId);
	}

	/**
	 * The client's JSON-RPC id of a streamed request, so a resumed stream can end with
	 * the response.
	 */
	public static String streamedRequestId(String tenant, String sessionId, String requestId) {
		return events(tenant, sessionId, requestId) + ":id";
	}

	/**
	 * Where the answer to a request the upstream sent to the client (sampling,
	 * elicitation) must go: the worker and session that wait for it.
	 */
	public static String input(String tenant, String inputId) {
		return scoped(tenant) + "input:" + Identifiers.requireId("input id", inputId);
	}

	/**
	 * What an opaque {@code requestState} (2026-07-28 multi-round-trip requests) stands
	 * for: the bridge's request still running and the input requests it waits on. Only
	 * the tenant's own retry finds it; a token that was altered finds nothing.
	 */
	public static String requestState(String tenant, String token) {
		return scoped(tenant) + "state:" + Identifiers.requireId("request state", token);
	}

	/**
	 * The bridge's request id behind a client's JSON-RPC id in one session (for
	 * notifications/cancelled).
	 */
	public static String clientRequest(String tenant, String sessionId, String clientIdHash) {
		return scoped(tenant) + "rpc:" + Identifiers.requireId("session id", sessionId) + ":"
				+ Identifiers.requireId("client id hash", clientIdHash);
	}

	/**
	 * One MCP task (a task-augmented request the gateway serves): its owner, TTL and,
	 * once known, its outcome. The task id is the bridge's request id, so the request's
	 * own keys live in the same hash slot.
	 */
	public static String task(String tenant, String taskId) {
		return scoped(tenant) + "task:" + Identifiers.requireId("task id", taskId);
	}

	/**
	 * The ids of a task's input requests (the upstream's questions) the client has
	 * answered, a set that lives as long as the task: a question still unanswered makes
	 * the task {@code input_required}.
	 */
	public static String taskAnswers(String tenant, String taskId) {
		return scoped(tenant) + "task-answers:" + Identifiers.requireId("task id", taskId);
	}

	/**
	 * The tenant's retained tasks, a sorted set of task ids scored by the time each
	 * expires, for the per-tenant bound.
	 */
	public static String taskIndex(String tenant) {
		return scoped(tenant) + "task-index";
	}

	/**
	 * The tasks of one owner (a session, or {@code -} for requests without one), a sorted
	 * set of task ids scored by creation time, for tasks/list.
	 */
	public static String ownerTasks(String tenant, String sessionId) {
		return scoped(tenant) + "task-owner:"
				+ (sessionId == null ? "-" : Identifiers.requireId("session id", sessionId));
	}

	/**
	 * The pub/sub channel on which one gateway instance receives the relayed events of
	 * its requests.
	 */
	public static String eventChannel(String gatewayId) {
		return ROOT + "events:" + Identifiers.requireId("gateway id", gatewayId);
	}

	/**
	 * The pub/sub channel on which one worker receives the client's answers to its
	 * upstreams' requests.
	 */
	public static String inputChannel(String workerId) {
		return ROOT + "inputs:" + Identifiers.requireId("worker id", workerId);
	}

	/** The pub/sub channel every worker listens on for cancelled requests. */
	public static String cancellationChannel() {
		return ROOT + "cancellations";
	}

	/**
	 * Every live session, across tenants: a sorted set of {@code <tenant>/<session id>}
	 * scored by the time the session expires unless used again, so that counting the
	 * active ones is one ZCOUNT.
	 */
	public static String sessionIndex() {
		return ROOT + "sessions";
	}

	/** The member of {@link #sessionIndex()} that stands for one session. */
	public static String sessionIndexMember(String tenant, String sessionId) {
		return Identifiers.requireName("tenant", tenant) + "/" + Identifiers.requireId("session id", sessionId);
	}

	/**
	 * One worker's latest status report (a {@link WorkerReport}); it expires when the
	 * worker stops reporting.
	 */
	public static String workerReport(Namespace namespace, String workerId) {
		return workerIndex(namespace) + ":" + Identifiers.requireId("worker id", workerId);
	}

	/**
	 * The ids of the workers of one deployment namespace that reported, a sorted set
	 * scored by the time of their latest report: {@code mcp:workers}, or
	 * {@code <namespace>:mcp:workers}. A gateway counts only its own namespace's workers
	 * (for /mcp/status and the open-circuit check).
	 */
	public static String workerIndex(Namespace namespace) {
		return namespace.redisPrefix() + ROOT + "workers";
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
