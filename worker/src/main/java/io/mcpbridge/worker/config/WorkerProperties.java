package io.mcpbridge.worker.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mcpbridge.common.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the worker can be configured with, under {@value #PREFIX}.
 *
 * @param worker identity of this worker instance
 * @param upstreams the stdio MCP servers this worker runs (at least one, unique names)
 * @param kafka request topics and consumption
 * @param results reply storage in Redis
 * @param toolsCache the in-process cache of each upstream's {@code tools/list}
 * @param scheduling how buffered requests are started: priorities, starvation bound, buffering
 * @param cache where the gateways' cache lives, so that writes can invalidate it
 */
@Validated
@ConfigurationProperties(prefix = WorkerProperties.PREFIX)
public record WorkerProperties(@Valid @DefaultValue Worker worker, @NotEmpty @Valid List<Upstream> upstreams,
		@Valid @DefaultValue Kafka kafka, @Valid @DefaultValue Results results,
		@Valid @DefaultValue ToolsCache toolsCache, @Valid @DefaultValue Scheduling scheduling,
		@Valid @DefaultValue Cache cache) {

	public static final String PREFIX = "bridge";

	public WorkerProperties {
		upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
	}

	/** Upstream names are the keys requests are routed by: two with one name would be ambiguous. */
	@AssertTrue(message = "upstream names must be unique")
	public boolean isUpstreamNamesUnique() {
		return upstreams.stream().map(Upstream::name).allMatch(new HashSet<>()::add);
	}

	/**
	 * @param id id of this worker, written into every reply; blank means {@code worker-} plus 8
	 * random characters (a pod name is a good explicit choice)
	 */
	public record Worker(String id) {

		public Worker {
			if (id == null || id.isBlank()) {
				id = "worker-" + UUID.randomUUID().toString().substring(0, 8);
			}
		}
	}

	/**
	 * One stdio MCP server.
	 *
	 * @param name the name requests use to address it (letters, digits, '.', '_', '-')
	 * @param command executable to start, e.g. {@code node} or {@code java}
	 * @param args its arguments
	 * @param env environment variables given to it; the child inherits nothing else from the
	 * worker except PATH, HOME, LANG and JAVA_HOME (and the MCP SDK's LOGNAME, SHELL, TERM, USER)
	 * @param poolSize how many processes of it to keep running and initialized
	 * @param callTimeout longest time one call may take (the request's remaining deadline may cut it
	 * shorter)
	 */
	public record Upstream(@NotBlank String name, @NotBlank String command, List<String> args,
			Map<String, String> env, @DefaultValue("2") @Min(1) int poolSize,
			@DefaultValue("60s") @NotNull Duration callTimeout) {

		public Upstream {
			args = args == null ? List.of() : List.copyOf(args);
			env = env == null ? Map.of() : Map.copyOf(env);
		}

		/** The name ends up in Kafka keys and Redis keys, so it must be a safe identifier. */
		@AssertTrue(message = "upstream name must be 1-64 letters, digits, '.', '_' or '-'")
		public boolean isNameValid() {
			return name == null || Identifiers.isValidName(name);
		}

		@AssertTrue(message = "call-timeout must be positive")
		public boolean isCallTimeoutPositive() {
			return callTimeout == null || (!callTimeout.isNegative() && !callTimeout.isZero());
		}
	}

	/**
	 * @param partitions partitions of every request topic; all must have the same count so that one
	 * entity's records of every priority land on the same worker (co-partitioning)
	 * @param replicationFactor replication factor of the topics the worker declares
	 * @param concurrency consumers (poll threads) in this worker; they only poll and commit, the
	 * calls run on a separate executor sized by the pools
	 */
	public record Kafka(@DefaultValue("12") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor,
			@DefaultValue("4") @Min(1) int concurrency) {
	}

	/** @param ttl how long a reply stays readable under its result key */
	public record Results(@DefaultValue("10m") @NotNull Duration ttl) {
	}

	/** @param ttl how long an upstream's tools/list answer is served from memory */
	public record ToolsCache(@DefaultValue("1h") @NotNull Duration ttl) {
	}

	/**
	 * The gateways' cache Redis (their {@code bridge.cache.redis}). After executing a write, and before
	 * publishing its reply, the worker bumps the version fields of the write's entity there and
	 * announces them to every gateway, so that no cached read of the old state is served afterwards.
	 *
	 * @param host blank: {@code spring.data.redis.host}
	 * @param port 0: {@code spring.data.redis.port}
	 * @param timeout an invalidation slower than this is given up (counted, logged): the write's
	 * reply is not held back by a failing cache
	 */
	public record Cache(String host, @DefaultValue("0") @Min(0) int port,
			@DefaultValue("1s") @NotNull Duration timeout) {
	}

	/**
	 * The in-worker scheduler. Priorities are strict: while a higher-priority request of an upstream
	 * is ready to start, no lower-priority one starts. Under sustained CRITICAL load that would stop
	 * BULK forever, so a level that has a ready request and has been passed over
	 * {@code starvationBound} times gets the next start: each waiting level keeps a minimum share of
	 * about 1 / (starvationBound + 1) of the starts of its upstream.
	 *
	 * @param starvationBound how many starts of higher levels a level with a ready request waits
	 * for at most; also the minimum share, 1 / (bound + 1)
	 * @param maxBufferedPerPriority records of one priority buffered in memory (polled, not yet
	 * started) above which that priority's partitions are paused; resumed below half of it. Higher
	 * priorities keep being polled while a lower one is paused.
	 * @param drainTimeout how long in-flight requests of revoked partitions (rebalance, shutdown) may
	 * take to finish before their offsets are committed and the partitions let go
	 */
	public record Scheduling(@DefaultValue("50") @Min(1) int starvationBound,
			@DefaultValue("200") @Min(1) int maxBufferedPerPriority,
			@DefaultValue("10s") @NotNull Duration drainTimeout) {
	}
}
