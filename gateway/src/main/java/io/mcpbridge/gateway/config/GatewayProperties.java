package io.mcpbridge.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.Namespace;
import io.mcpbridge.common.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the gateway can be told, under {@value #PREFIX}.
 *
 * @param gatewayId this instance's id; it names the Redis channel its replies arrive on.
 * Blank: generated at start-up (each replica must have its own)
 * @param defaultTenant the tenant of every request while authentication is off
 * @param defaultUpstream the upstream a session uses when initialize names none
 * @param sessions session storage
 * @param queue deadlines and bounds of queued requests
 * @param kafka topic layout (must match the workers')
 * @param http HTTP limits
 * @param tools per-tool priority and timeout (the seed's table); other tools get MEDIUM
 * and the queue's default timeout
 * @param idempotency how requests with a client-chosen id are de-duplicated
 * @param mcp the standard MCP endpoint ({@code /mcp}, Streamable HTTP)
 * @param cache the two-level cache of read results (L1 in this process, L2 in Redis)
 * @param namespace the deployment namespace, the same as the workers': it prefixes the
 * request topics, the workers' consumer group and the workers' status reports in Redis,
 * so that several bridges can share one Kafka cluster and one Redis. Empty (the default):
 * no prefix. 1-48 lower-case letters, digits or '-'
 */
@Validated
@ConfigurationProperties(GatewayProperties.PREFIX)
public record GatewayProperties(String gatewayId, @DefaultValue("default") String defaultTenant,
		@DefaultValue("home") String defaultUpstream, @Valid @DefaultValue Sessions sessions,
		@Valid @DefaultValue Queue queue, @Valid @DefaultValue Kafka kafka, @Valid @DefaultValue Http http,
		@Valid @DefaultValue List<ToolPolicy> tools, @Valid @DefaultValue Idempotency idempotency,
		@Valid @DefaultValue Mcp mcp, @Valid @DefaultValue Cache cache, @DefaultValue("") String namespace) {

	public static final String PREFIX = "bridge";

	public GatewayProperties {
		if (gatewayId == null || gatewayId.isBlank()) {
			gatewayId = "gw-" + UUID.randomUUID().toString().substring(0, 8);
		}
		Identifiers.requireId("bridge.gateway-id", gatewayId);
		Identifiers.requireName("bridge.default-tenant", defaultTenant);
		Identifiers.requireName("bridge.default-upstream", defaultUpstream);
		namespace = Namespace.of(namespace).name();
		tools = tools == null ? List.of() : List.copyOf(tools);
		if (idempotency != null && queue != null && idempotency.ttl().compareTo(queue.maxTimeout()) < 0) {
			// A record that expired while its request still runs would let a repeat
			// execute again.
			throw new IllegalArgumentException("bridge.idempotency.ttl (" + idempotency.ttl()
					+ ") must be at least bridge.queue.max-timeout (" + queue.maxTimeout() + ")");
		}
	}

	/**
	 * @param idleTtl a session unused for this long expires (each use slides it); a
	 * session keeps the idle TTL of the replica that created it
	 * @param lastSeenInterval a session's {@code last_seen} (and its entry in the session
	 * index that {@code /mcp/status} counts) is rewritten at most this often, so a busy
	 * session costs no write per request; never more than a quarter of {@code idle-ttl},
	 * whatever is configured
	 * @param localTtl how long this gateway reuses a session it read from Redis without
	 * reading it again (0: every request reads it). The staleness bound: a session
	 * deleted or changed through another replica may still be used here for this long (a
	 * DELETE through this replica takes effect at once), and its idle TTL slides at most
	 * this often. Never more than a tenth of {@code idle-ttl}, whatever is configured
	 * @param localMaxEntries the most sessions this gateway keeps in memory at once; past
	 * it, a session that is not kept is read from Redis on each request
	 */
	public record Sessions(@NotNull @DefaultValue("30m") Duration idleTtl,
			@NotNull @DefaultValue("60s") Duration lastSeenInterval, @NotNull @DefaultValue("1s") Duration localTtl,
			@Min(0) @DefaultValue("10000") int localMaxEntries) {

		/**
		 * The configured local TTL, capped so that a session can never outlive its idle
		 * TTL here.
		 */
		public Duration effectiveLocalTtl() {
			Duration cap = idleTtl.dividedBy(10);
			return localTtl.compareTo(cap) < 0 ? localTtl : cap;
		}

		/**
		 * The configured interval, capped so that the index never lags far behind a short
		 * idle TTL.
		 */
		public Duration effectiveLastSeenInterval() {
			Duration cap = idleTtl.dividedBy(4);
			return lastSeenInterval.compareTo(cap) < 0 ? lastSeenInterval : cap;
		}
	}

	/**
	 * @param defaultTimeout deadline of a request whose tool has no timeout and that sent
	 * no {@code X-Timeout} (the seed's queue.timeout_seconds)
	 * @param maxTimeout the longest {@code X-Timeout} accepted
	 * @param maxPending requests this gateway waits on at once; past it, 503 (the seed's
	 * queue.max_size)
	 * @param maxPendingPerTenant requests one tenant may have pending across all gateway
	 * replicas (counted in Redis); past it, 503 OVERLOADED. 0: no per-tenant bound
	 * @param retryAfter the {@code Retry-After} sent with OVERLOADED and
	 * QUEUE_UNAVAILABLE (whole seconds, at least 1)
	 * @param releaseDelay how long a finished request may still count against its
	 * tenant's bound: the places of finished requests are freed by the next admission of
	 * the tenant (in the same round trip), or after this long when none comes
	 */
	public record Queue(@NotNull @DefaultValue("30s") Duration defaultTimeout,
			@NotNull @DefaultValue("300s") Duration maxTimeout, @Min(1) @DefaultValue("1000") int maxPending,
			@Min(0) @DefaultValue("1000") int maxPendingPerTenant, @NotNull @DefaultValue("1s") Duration retryAfter,
			@NotNull @DefaultValue("100ms") Duration releaseDelay) {
	}

	/**
	 * @param ttl how long a request id is remembered: a repeat within it executes nothing
	 * and gets the first result. At least {@code queue.max-timeout}. The first reply is
	 * kept this long too (under the id's dedup key), beyond the workers' shorter result
	 * TTL.
	 * @param pollInitialInterval a repeat that arrives while the first is in flight on
	 * another gateway polls the result key, first after this long, then doubling
	 * @param pollMaxInterval the longest pause between two polls of a waiting repeat
	 */
	public record Idempotency(@NotNull @DefaultValue("24h") Duration ttl,
			@NotNull @DefaultValue("50ms") Duration pollInitialInterval,
			@NotNull @DefaultValue("1s") Duration pollMaxInterval) {
	}

	/**
	 * The cache of read results. A tool is cacheable when {@code tools} gives it a
	 * positive TTL, or when it has no entry there and the upstream annotates it
	 * {@code readOnlyHint: true} (then {@code defaultTtl}). A tool that is neither
	 * read-only nor configured is a write: it is never cached and invalidates the cached
	 * reads of its entity.
	 *
	 * @param l1 the in-process cache of each gateway
	 * @param l2 the Redis cache shared by all gateways
	 * @param redis where the cache lives; by default the Redis of
	 * {@code spring.data.redis}
	 * @param defaultTtl TTL of a read-only tool that {@code tools} does not name
	 * @param staleIfError how long past its expiry an entry may still answer a read whose
	 * upstream call failed (UPSTREAM_* errors, timeouts, queue unavailable); the answer
	 * says {@code stale: true}. 0: never
	 * @param lockTtl how long one gateway holds the Redis lock of a missing key while it
	 * fetches it; the others wait at most this long for the entry, then fetch themselves
	 * @param lockPollInterval how often a gateway waiting on another's lock looks for the
	 * entry
	 * @param resetOnStart start a new cache epoch for the default tenant and upstream
	 * when this gateway starts: for an upstream whose state starts afresh with the system
	 * (the standalone stack's simulated home), so that entries of a previous run are
	 * never served
	 * @param tools per-tool policies; {@code name: tools/list} is the tools list
	 */
	public record Cache(@Valid @DefaultValue L1 l1, @Valid @DefaultValue L2 l2, @Valid @DefaultValue CacheRedis redis,
			@NotNull @DefaultValue("300s") Duration defaultTtl, @NotNull @DefaultValue("60s") Duration staleIfError,
			@NotNull @DefaultValue("5s") Duration lockTtl, @NotNull @DefaultValue("20ms") Duration lockPollInterval,
			@DefaultValue("false") boolean resetOnStart, @Valid @DefaultValue List<ToolCache> tools) {

		public Cache {
			tools = tools == null ? List.of() : List.copyOf(tools);
		}

		/** Whether any level is on. */
		public boolean enabled() {
			return l1.enabled() || l2.enabled();
		}
	}

	/**
	 * @param enabled whether this gateway keeps entries in memory
	 * @param maxEntries bound of the in-memory cache (least recently used entries go
	 * first)
	 * @param ttl the longest an entry stays in memory, shorter than its policy TTL when
	 * smaller
	 * @param verifyVersions check an L1 hit's version counters in Redis (one HMGET)
	 * before serving it. On: read-your-writes holds through every gateway at all times.
	 * Off: an L1 entry is dropped when the invalidation message reaches this gateway
	 * (pub/sub), so for that delivery time (usually well under a millisecond) another
	 * gateway's client may still read the old value
	 */
	public record L1(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("1000") int maxEntries,
			@NotNull @DefaultValue("10s") Duration ttl, @DefaultValue("true") boolean verifyVersions) {
	}

	/**
	 * @param enabled whether entries are shared through Redis
	 */
	public record L2(@DefaultValue("true") boolean enabled) {
	}

	/**
	 * The cache's Redis, separate from the one of sessions and replies when set: a cache
	 * Redis may evict and may fail without stopping requests.
	 *
	 * @param host blank: {@code spring.data.redis.host}
	 * @param port 0: {@code spring.data.redis.port}
	 * @param timeout a cache command slower than this counts as a Redis failure (the
	 * request goes on uncached); while disconnected, commands fail at once instead of
	 * queueing
	 */
	public record CacheRedis(String host, @Min(0) @DefaultValue("0") int port,
			@NotNull @DefaultValue("1s") Duration timeout) {
	}

	/**
	 * @param name the tool, or {@code tools/list}
	 * @param ttl how long a result stays fresh; 0: never cached (and, unless the upstream
	 * annotates the tool read-only, a write) (the cache key covers every argument of the
	 * call)
	 */
	public record ToolCache(@NotNull String name, @NotNull Duration ttl) {
	}

	/**
	 * @param partitions partitions of every request topic; the same for all, and for
	 * gateways and workers alike (co-partitioning). Size it for the largest worker fleet.
	 * @param replicationFactor replication of the request topics
	 */
	public record Kafka(@Min(1) @Max(1024) @DefaultValue("24") int partitions,
			@Min(1) @DefaultValue("1") short replicationFactor) {
	}

	/**
	 * @param maxBodySize largest accepted request body
	 */
	public record Http(@NotNull @DefaultValue("1MB") DataSize maxBodySize) {
	}

	/**
	 * @param allowedOrigins browser origins allowed to call the MCP endpoint, e.g.
	 * {@code https://app.example.com}; a {@code :*} suffix allows any port. A request
	 * with another {@code Origin} gets 403 (DNS rebinding protection). Requests without
	 * Origin (non-browser clients) are allowed.
	 * @param allowedHosts {@code Host} values (without port) the MCP endpoint answers;
	 * {@code *} allows any. Keep the default on a machine where the bridge listens on
	 * localhost; list the public names behind a load balancer.
	 * @param keepAlive how often an idle SSE stream gets a comment, which also detects a
	 * gone client
	 * @param standaloneStreamMaxDuration how long a GET stream stays open before the
	 * server closes it (the client reconnects)
	 * @param maxStreams SSE streams this gateway serves at once outside requests (GET
	 * streams and resumed streams)
	 * @param disconnectCheckInterval how soon a 2026-07-28 client that closed its
	 * connection is noticed, and its request cancelled: a request still pending after
	 * this long is answered as an SSE stream that gets a keep-alive comment at this pace
	 * (only a write reveals a closed connection)
	 */
	public record Mcp(@DefaultValue( {
			"http://localhost:*", "http://127.0.0.1:*", "https://localhost:*",
			"https://127.0.0.1:*" }) List<String> allowedOrigins,
			@DefaultValue({ "localhost", "127.0.0.1", "[::1]" }) List<String> allowedHosts,
			@NotNull @DefaultValue("15s") Duration keepAlive,
			@NotNull @DefaultValue("10m") Duration standaloneStreamMaxDuration,
			@Min(1) @DefaultValue("1000") int maxStreams,
			@NotNull @DefaultValue("5s") Duration disconnectCheckInterval){

		public Mcp {
			if (disconnectCheckInterval != null
					&& (disconnectCheckInterval.isNegative() || disconnectCheckInterval.isZero())) {
				throw new IllegalArgumentException(
						"bridge.mcp.disconnect-check-interval must be positive, got " + disconnectCheckInterval);
			}
			allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
			allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
		}
	}

	/**
	 * @param name the tool
	 * @param priority its default priority
	 * @param timeout its default deadline; null: the queue's default
	 */
	public record ToolPolicy(@NotNull String name, @NotNull Priority priority, Duration timeout) {
	}
}
