package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpbridge.worker.config.ProcessBudgetProperties;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import io.mcpbridge.worker.stdio.CallListener;
import io.mcpbridge.worker.stdio.JsonRpcException;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The pools of every configured upstream, shared by the tenants that give it no variables
 * of their own, and the tenant pools of those that do ({@link TenantPools}). Starts
 * before the Kafka listeners and stops after them (lower lifecycle phase), so no record
 * is consumed before the clients are up and no child is killed under a running call at
 * shutdown.
 */
@Component
public class UpstreamPools implements SmartLifecycle {

	/** Below spring-kafka's listener containers ({@code Integer.MAX_VALUE - 100}). */
	static final int PHASE = 0;

	private final Map<String, UpstreamPool> pools = new LinkedHashMap<>();

	private volatile boolean running;

	private final UpstreamEvents events = new UpstreamEvents();

	private final Map<String, Upstream> upstreams = new LinkedHashMap<>();

	private final TenantEnvironments tenantEnvironments;

	private final TenantPools tenantPools;

	/** Shared pools only: no tenant gets processes of its own (tests). */
	public UpstreamPools(WorkerProperties properties) {
		this(properties, ProcessBudgetProperties.defaults(), TenantEnvironments.NONE);
	}

	@Autowired
	public UpstreamPools(WorkerProperties properties, ProcessBudgetProperties budget,
			TenantEnvironments tenantEnvironments) {
		ClientFactory factory = new ClientFactory(System.getenv(), events);
		Map<String, Duration> idleTimeouts = new LinkedHashMap<>();
		for (Upstream upstream : properties.upstreams()) {
			pools.put(upstream.name(), new UpstreamPool(upstream, factory));
			upstreams.put(upstream.name(), upstream);
			idleTimeouts.put(upstream.name(), upstream.pool().idleTimeout());
		}
		this.tenantEnvironments = tenantEnvironments;
		this.tenantPools = new TenantPools(factory, budget.tenantCapacity(properties.upstreams()),
				budget.tenantPoolMax(), budget.tenantRoomWait(), idleTimeouts);
	}

	/**
	 * How many calls of each upstream may run at once, by name: the pool's largest size
	 * ({@code max} with auto-scale, else {@code target}). Calls beyond the processes
	 * running wait in the pool, and their waiting is what makes it grow.
	 */
	public Map<String, Integer> concurrency() {
		Map<String, Integer> limits = new LinkedHashMap<>();
		pools.forEach((name, pool) -> limits.put(name, pool.concurrency()));
		return limits;
	}

	public boolean has(String upstream) {
		return pools.containsKey(upstream);
	}

	/**
	 * Runs one MCP request on a pooled client of {@code upstream}. Waiting for an idle
	 * client and the call itself both end at {@code deadline}; the call also ends at the
	 * upstream's call-timeout.
	 * @throws UpstreamUnavailableException no client could be started
	 * @throws NoIdleClientException every running client stayed busy until the deadline
	 * @throws UpstreamCrashedException the child died before answering
	 * @throws CallTimeoutException no answer in time
	 * @throws JsonRpcException the upstream answered with a JSON-RPC error
	 */
	public JsonNode execute(String upstream, Instant deadline, String method, JsonNode params, CallListener listener) {
		return pool(upstream).execute(deadline, method, params, listener);
	}

	/**
	 * Runs one MCP request for {@code tenant}: on the tenant's own pool of
	 * {@code upstream} when its {@code upstream-env} gives that upstream variables, else
	 * on the shared pool, as
	 * {@link #execute(String, Instant, String, JsonNode, CallListener)}.
	 * @throws TenantPoolsFullException the tenant's pool found no room in the process
	 * budget in time
	 */
	public JsonNode execute(String tenant, String upstream, Instant deadline, String method, JsonNode params,
			CallListener listener) {
		Map<String, String> env = tenant == null ? Map.of() : tenantEnvironments.of(tenant, upstream);
		if (env.isEmpty()) {
			return execute(upstream, deadline, method, params, listener);
		}
		Upstream config = upstreams.get(upstream);
		if (config == null) {
			throw new IllegalArgumentException("not a configured upstream: " + upstream);
		}
		return tenantPools.execute(tenant, config, env, deadline, method, params, listener);
	}

	/**
	 * Notifications the upstreams send outside calls
	 * ({@code notifications/tools/list_changed}...).
	 */
	public UpstreamEvents events() {
		return events;
	}

	/**
	 * The upstream's own initialize result, as received by the most recently started
	 * client.
	 */
	public JsonNode initializeResult(String upstream) {
		return pool(upstream).initializeResult()
			.orElseThrow(() -> new UpstreamUnavailableException(upstream, "no process has started yet"));
	}

	/** Per upstream, a snapshot of its processes by state and its counters. */
	public Map<String, PoolStatus> status() {
		Map<String, PoolStatus> status = new LinkedHashMap<>();
		pools.forEach((name, pool) -> status.put(name, pool.status()));
		return status;
	}

	/** The tenant pools, in numbers. */
	public TenantPoolsStatus tenantPools() {
		return tenantPools.status();
	}

	@Override
	public void start() {
		pools.values().parallelStream().forEach(UpstreamPool::start);
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		tenantPools.stop();
		pools.values().parallelStream().forEach(UpstreamPool::stop);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private UpstreamPool pool(String upstream) {
		UpstreamPool pool = pools.get(upstream);
		if (pool == null) {
			throw new IllegalArgumentException("not a configured upstream: " + upstream);
		}
		return pool;
	}

}
