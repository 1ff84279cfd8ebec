package io.mcpbridge.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mcpbridge.common.Identifiers;
import io.mcpbridge.common.Namespace;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the worker can be configured with, under {@value #PREFIX}.
 *
 * @param worker identity of this worker instance
 * @param upstreams the stdio MCP servers this worker runs (at least one, unique names)
 * @param kafka request topics and consumption
 * @param results reply storage in Redis
 * @param toolsCache the in-process cache of each upstream's {@code tools/list}
 * @param scheduling how buffered requests are started: priorities, starvation bound,
 * buffering
 * @param cache where the gateways' cache lives, so that writes can invalidate it
 * @param namespace the deployment namespace, the same as the gateways': it prefixes the
 * request and dead-letter topics, the consumer group and this worker's status report in
 * Redis, so that several bridges can share one Kafka cluster and one Redis. Empty (the
 * default): no prefix. 1-48 lower-case letters, digits or '-'
 */
@Validated
@ConfigurationProperties(prefix = WorkerProperties.PREFIX)
public record WorkerProperties(@Valid @DefaultValue Worker worker, @NotEmpty @Valid List<Upstream> upstreams,
		@Valid @DefaultValue Kafka kafka, @Valid @DefaultValue Results results,
		@Valid @DefaultValue ToolsCache toolsCache, @Valid @DefaultValue Scheduling scheduling,
		@Valid @DefaultValue Cache cache, @DefaultValue("") String namespace) {

	public static final String PREFIX = "bridge";

	public WorkerProperties {
		upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
		namespace = Namespace.of(namespace).name();
	}

	/**
	 * Upstream names are the keys requests are routed by: two with one name would be
	 * ambiguous.
	 */
	@AssertTrue(message = "upstream names must be unique")
	public boolean isUpstreamNamesUnique() {
		return upstreams.stream().map(Upstream::name).allMatch(new HashSet<>()::add);
	}

	/**
	 * @param id id of this worker, written into every reply; blank means {@code worker-}
	 * plus 8 random characters (a pod name is a good explicit choice)
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
	 * @param env environment variables given to it; the child inherits nothing else from
	 * the worker except PATH, HOME, LANG and JAVA_HOME
	 * @param workingDirectory the child's working directory; null for the worker's
	 * @param callTimeout longest time one call may take (the request's remaining deadline
	 * may cut it shorter)
	 * @param maxLineLength longest message line accepted from the child's stdout; a
	 * longer one is dropped and fails the call it answered
	 * @param startTimeout how long a new process may take to answer {@code initialize};
	 * one that has not by then is stopped and counted as a failed start. Raise it for
	 * servers that start slowly, such as JVMs on a loaded machine
	 * @param pool how many processes run, how the pool grows and shrinks, how they are
	 * health-checked
	 * @param idempotentTools tools that may be retried once on another process when the
	 * process running them dies mid-call, in addition to those the upstream annotates
	 * {@code readOnlyHint} or {@code idempotentHint} in its tools/list; any other tool
	 * gets UPSTREAM_CRASHED at once
	 * @param poolSize no longer supported (replaced by {@code pool.min/target/max}); set,
	 * it fails the start-up instead of being silently ignored
	 */
	public record Upstream(@NotBlank String name, @NotBlank String command, List<String> args, Map<String, String> env,
			Path workingDirectory, @DefaultValue("60s") @NotNull Duration callTimeout,
			@DefaultValue("16MB") @NotNull DataSize maxLineLength, @DefaultValue("30s") @NotNull Duration startTimeout,
			@Valid @DefaultValue Pool pool, List<String> idempotentTools, @Deprecated Integer poolSize) {

		public Upstream {
			args = args == null ? List.of() : List.copyOf(args);
			env = env == null ? Map.of() : Map.copyOf(env);
			idempotentTools = idempotentTools == null ? List.of() : List.copyOf(idempotentTools);
		}

		/** An upstream with the given pool and every other setting at its default. */
		public static Upstream of(String name, List<String> commandLine, Map<String, String> env, Pool pool,
				Duration callTimeout) {
			return new Upstream(name, commandLine.get(0), commandLine.subList(1, commandLine.size()), env, null,
					callTimeout, DataSize.ofMegabytes(16), Duration.ofSeconds(30), pool, List.of(), null);
		}

		/** This upstream with another {@code idempotent-tools}. */
		public Upstream withIdempotentTools(List<String> tools) {
			return new Upstream(name, command, args, env, workingDirectory, callTimeout, maxLineLength, startTimeout,
					pool, tools, poolSize);
		}

		/** This upstream with another {@code start-timeout}. */
		public Upstream withStartTimeout(Duration timeout) {
			return new Upstream(name, command, args, env, workingDirectory, callTimeout, maxLineLength, timeout, pool,
					idempotentTools, poolSize);
		}

		/**
		 * This upstream for one tenant's processes: its variables added to (and winning
		 * over) the upstream's, in a pool of its own.
		 */
		public Upstream forTenant(Map<String, String> tenantEnv, Pool tenantPool) {
			Map<String, String> merged = new java.util.HashMap<>(env);
			merged.putAll(tenantEnv);
			return new Upstream(name, command, args, merged, workingDirectory, callTimeout, maxLineLength, startTimeout,
					tenantPool, idempotentTools, poolSize);
		}

		/** Names its variables, never their values (they may be credentials). */
		@Override
		public String toString() {
			return "Upstream[name=" + name + ", command=" + command + ", args=" + args + ", env=" + env.keySet()
					+ ", workingDirectory=" + workingDirectory + ", pool=" + pool + "]";
		}

		@AssertTrue(message = "pool-size was replaced by pool.min, pool.target and pool.max "
				+ "(pool.auto-scale=false runs pool.target processes)")
		public boolean isPoolSizeUnset() {
			return poolSize == null;
		}

		/**
		 * The name ends up in Kafka keys and Redis keys, so it must be a safe identifier.
		 */
		@AssertTrue(message = "upstream name must be 1-64 letters, digits, '.', '_' or '-'")
		public boolean isNameValid() {
			return name == null || Identifiers.isValidName(name);
		}

		@AssertTrue(message = "max-line-length must be between 1KB and 1GB")
		public boolean isMaxLineLengthInRange() {
			return maxLineLength == null || (maxLineLength.toBytes() >= 1024
					&& maxLineLength.toBytes() <= DataSize.ofGigabytes(1).toBytes());
		}

		@AssertTrue(message = "call-timeout must be positive")
		public boolean isCallTimeoutPositive() {
			return isPositiveOrUnset(callTimeout);
		}

		@AssertTrue(message = "start-timeout must be positive")
		public boolean isStartTimeoutPositive() {
			return isPositiveOrUnset(startTimeout);
		}

		/** Unset is left to {@code @NotNull}, which says so more clearly. */
		private static boolean isPositiveOrUnset(Duration value) {
			return value == null || (!value.isNegative() && !value.isZero());
		}
	}

	/**
	 * The processes of one upstream. With {@code auto-scale} on, the pool starts
	 * {@code min} processes, starts one more for each call that finds no idle process (up
	 * to {@code max}), also grows to size x {@code scale-factor} when the seed's rule
	 * holds (more calls waiting than twice the running processes and a mean call time
	 * above 1 s), and stops processes idle for longer than {@code idle-timeout}, never
	 * going below {@code min}. With {@code auto-scale} off it runs {@code target}
	 * processes. Either way a process that dies or fails its health check is replaced.
	 *
	 * @param min processes started eagerly and always kept (with auto-scale)
	 * @param max processes never exceeded (with auto-scale); times
	 * {@code max-concurrent-per-process}, how many calls of the upstream the worker runs
	 * at once
	 * @param target processes run when auto-scale is off; reported, not used, with
	 * auto-scale. Unset: the seed's 5, moved into [min, max] (so that
	 * {@code min: 1, max: 3} alone is valid)
	 * @param scaleFactor growth factor of the seed's rule, greater than 1
	 * @param idleTimeout how long a process may stay idle before it is stopped (with
	 * auto-scale, above {@code min})
	 * @param healthCheckInterval an idle process is sent an MCP {@code ping} when it has
	 * been idle, or last checked, that long ago; a process whose call got no answer
	 * (timed out) is pinged at once, before it gets another call, so that a frozen
	 * process fails one call rather than every call
	 * @param healthCheckTimeout a ping not answered within it marks the process
	 * unhealthy: it is stopped and replaced
	 * @param autoScale whether the pool moves between {@code min} and {@code max} with
	 * demand
	 * @param growAfter how long a call waits for a free process before it asks for one
	 * more: starting a process costs seconds of CPU, far more than a short wait for a
	 * busy one to come free, so momentary queues of fast calls must not grow the pool
	 * @param maxConcurrentPerProcess how many calls one process runs at once (JSON-RPC
	 * over stdio lets many requests be in flight on one process; the bridge numbers them
	 * per process). 1 runs one call per process at a time, for servers that cannot take a
	 * second request before answering the first. A call whose client may be asked
	 * something by the upstream (sampling, elicitation, roots) or that asked for log
	 * messages at a level runs alone on its process whatever this says: such messages
	 * carry nothing that names their call, so only a process running one call can
	 * attribute them
	 */
	public record Pool(@DefaultValue("2") int min, @DefaultValue("10") int max, Integer target,
			@DefaultValue("1.5") double scaleFactor, @DefaultValue("300s") Duration idleTimeout,
			@DefaultValue("60s") Duration healthCheckInterval, @DefaultValue("5s") Duration healthCheckTimeout,
			@DefaultValue("true") boolean autoScale, @DefaultValue("200ms") Duration growAfter,
			@DefaultValue("8") int maxConcurrentPerProcess) {

		/**
		 * The default of {@code max-concurrent-per-process} (as in its
		 * {@code @DefaultValue}); the README's "Upstream pools" says why.
		 */
		public static final int DEFAULT_MAX_CONCURRENT_PER_PROCESS = 8;

		/** Bounds the calls (and their buffered messages) one process can hold. */
		static final int MAX_CONCURRENT_PER_PROCESS_LIMIT = 256;

		/**
		 * The seed's settings plus the defaults of {@code grow-after} (200 ms) and
		 * {@code max-concurrent-per-process}.
		 */
		public Pool(int min, int max, Integer target, double scaleFactor, Duration idleTimeout,
				Duration healthCheckInterval, Duration healthCheckTimeout, boolean autoScale) {
			this(min, max, target, scaleFactor, idleTimeout, healthCheckInterval, healthCheckTimeout, autoScale,
					Duration.ofMillis(200), DEFAULT_MAX_CONCURRENT_PER_PROCESS);
		}

		/**
		 * Checked here rather than by annotations so that the message can show the
		 * values.
		 */
		static final int SEED_TARGET = 5;

		@ConstructorBinding
		public Pool {
			if (target == null) {
				target = Math.max(min, Math.min(SEED_TARGET, max));
			}
			if (min < 1) {
				throw new IllegalArgumentException("pool.min must be at least 1, got " + min);
			}
			if (min > target || target > max) {
				throw new IllegalArgumentException("pool sizes must satisfy min <= target <= max, got min=" + min
						+ ", target=" + target + ", max=" + max);
			}
			if (!(scaleFactor > 1.0)) {
				throw new IllegalArgumentException("pool.scale-factor must be greater than 1, got " + scaleFactor);
			}
			requirePositive("pool.idle-timeout", idleTimeout);
			requirePositive("pool.health-check-interval", healthCheckInterval);
			requirePositive("pool.health-check-timeout", healthCheckTimeout);
			if (growAfter == null || growAfter.isNegative()) {
				throw new IllegalArgumentException("pool.grow-after must be zero or positive, got " + growAfter);
			}
			if (maxConcurrentPerProcess < 1 || maxConcurrentPerProcess > MAX_CONCURRENT_PER_PROCESS_LIMIT) {
				throw new IllegalArgumentException("pool.max-concurrent-per-process must be between 1 and "
						+ MAX_CONCURRENT_PER_PROCESS_LIMIT + ", got " + maxConcurrentPerProcess);
			}
		}

		/**
		 * A tenant's pool of this upstream: one process at first, up to {@code max},
		 * other settings as this pool's.
		 */
		public Pool forTenant(int max) {
			return new Pool(1, max, null, scaleFactor, idleTimeout, healthCheckInterval, healthCheckTimeout, true,
					growAfter, maxConcurrentPerProcess);
		}

		/** This pool with another {@code max-concurrent-per-process}. */
		public Pool withMaxConcurrentPerProcess(int calls) {
			return new Pool(min, max, target, scaleFactor, idleTimeout, healthCheckInterval, healthCheckTimeout,
					autoScale, growAfter, calls);
		}

		/**
		 * A pool of exactly {@code size} processes (auto-scale off), other settings at
		 * their defaults.
		 */
		public static Pool fixed(int size) {
			return new Pool(size, size, size, 1.5, Duration.ofSeconds(300), Duration.ofSeconds(60),
					Duration.ofSeconds(5), false);
		}

		/**
		 * How many calls of the upstream may use the pool at once: its largest size times
		 * the calls per process.
		 */
		public int concurrency() {
			return (autoScale ? max : target) * maxConcurrentPerProcess;
		}

		private static void requirePositive(String name, Duration value) {
			if (value == null || value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
			}
		}
	}

	/**
	 * @param partitions partitions of every request topic; all must have the same count
	 * so that one entity's records of every priority land on the same worker
	 * (co-partitioning)
	 * @param replicationFactor replication factor of the topics the worker declares
	 * @param concurrency consumers (poll threads) in this worker; they only poll and
	 * commit, the calls run on a separate executor sized by the pools, so one keeps up
	 * with any rate a worker can run. Each consumer takes its share of the partitions in
	 * the group (partition i of every priority topic together), so workers x concurrency
	 * must not exceed the partitions per topic, or some consumers (whole workers, the
	 * last in member order) get none; more also costs idle fetches and heartbeats
	 */
	public record Kafka(@DefaultValue("24") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor,
			@DefaultValue("1") @Min(1) int concurrency) {
	}

	/**
	 * @param ttl how long a reply stays readable under its result key
	 */
	public record Results(@DefaultValue("10m") @NotNull Duration ttl) {
	}

	/**
	 * @param ttl how long an upstream's tools/list answer is served from memory
	 */
	public record ToolsCache(@DefaultValue("1h") @NotNull Duration ttl) {
	}

	/**
	 * The gateways' cache Redis (their {@code bridge.cache.redis}). After executing a
	 * write, and before publishing its reply, the worker bumps the version fields of the
	 * write's entity there and announces them to every gateway, so that no cached read of
	 * the old state is served afterwards.
	 *
	 * @param host blank: {@code spring.data.redis.host}
	 * @param port 0: {@code spring.data.redis.port}
	 * @param timeout an invalidation slower than this is given up (counted, logged): the
	 * write's reply is not held back by a failing cache
	 */
	public record Cache(String host, @DefaultValue("0") @Min(0) int port,
			@DefaultValue("1s") @NotNull Duration timeout) {
	}

	/**
	 * The in-worker scheduler. Priorities are strict: while a higher-priority request of
	 * an upstream is ready to start, no lower-priority one starts. Under sustained
	 * CRITICAL load that would stop BULK forever, so a level that has a ready request and
	 * has been passed over {@code starvationBound} times gets the next start: each
	 * waiting level keeps a minimum share of about 1 / (starvationBound + 1) of the
	 * starts of its upstream.
	 *
	 * @param starvationBound how many starts of higher levels a level with a ready
	 * request waits for at most; also the minimum share, 1 / (bound + 1)
	 * @param maxBufferedPerPriority records of one priority buffered in memory (polled,
	 * not yet started) above which that priority's partitions are paused; resumed below
	 * half of it. Higher priorities keep being polled while a lower one is paused.
	 * @param drainTimeout how long in-flight requests of revoked partitions (rebalance,
	 * shutdown) may take to finish before their offsets are committed and the partitions
	 * let go
	 */
	public record Scheduling(@DefaultValue("50") @Min(1) int starvationBound,
			@DefaultValue("200") @Min(1) int maxBufferedPerPriority,
			@DefaultValue("10s") @NotNull Duration drainTimeout) {
	}
}
