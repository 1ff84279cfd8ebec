package io.mcpbridge.worker.pool;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The pools' state as Prometheus metrics, per upstream:
 * {@code mcp_worker_pool_processes{state}} (starting, idle, busy, checking, unhealthy,
 * restarting), {@code mcp_worker_pool_desired}, {@code mcp_worker_pool_waiting_calls},
 * {@code mcp_worker_pool_in_flight_calls}, and the counters
 * {@code mcp_worker_pool_restarts_total}, {@code mcp_worker_pool_calls_total} and
 * {@code mcp_worker_pool_errors_total}, and the seed's
 * {@code mcp_bridge_session_pool_utilization}. They read one status snapshot per scrape
 * (reused for a second), not one per meter: a snapshot takes the pool's lock. Tenant
 * pools are counted without labels: {@code mcp_worker_tenant_pools},
 * {@code mcp_worker_tenant_pools_reserved_processes},
 * {@code mcp_worker_tenant_pools_evictions_total}.
 */
@Component
class PoolMetrics implements MeterBinder {

	private static final long SNAPSHOT_REUSE_NANOS = 1_000_000_000L;

	private static final Map<String, ToDoubleFunction<PoolStatus>> PROCESSES_BY_STATE = Map.of("starting",
			PoolStatus::starting, "idle", PoolStatus::idle, "busy", PoolStatus::busy, "checking", PoolStatus::checking,
			"unhealthy", PoolStatus::unhealthy, "restarting", PoolStatus::restarting);

	private final UpstreamPools pools;

	private volatile Snapshot snapshot;

	PoolMetrics(UpstreamPools pools) {
		this.pools = pools;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		bindTenantPools(registry);
		for (String upstream : pools.status().keySet()) {
			PROCESSES_BY_STATE.forEach((state, count) -> Gauge
				.builder("mcp.worker.pool.processes", this, metrics -> metrics.read(upstream, count))
				.description("Processes of the upstream's pool in this state")
				.tags("upstream", upstream, "state", state)
				.register(registry));
			Gauge.builder("mcp.worker.pool.desired", this, metrics -> metrics.read(upstream, PoolStatus::desired))
				.description("How many processes the pool is sizing itself to")
				.tag("upstream", upstream)
				.register(registry);
			Gauge
				.builder("mcp.worker.pool.waiting.calls", this,
						metrics -> metrics.read(upstream, PoolStatus::waitingCalls))
				.description("Calls waiting for a process with room")
				.tag("upstream", upstream)
				.register(registry);
			Gauge
				.builder("mcp.worker.pool.in.flight.calls", this,
						metrics -> metrics.read(upstream, PoolStatus::inFlight))
				.description("Calls running on the upstream's processes (up to max-concurrent-per-process each)")
				.tag("upstream", upstream)
				.register(registry);
			Gauge
				.builder("mcp.bridge.session.pool.utilization", this,
						metrics -> metrics.read(upstream, PoolMetrics::utilization))
				.description("Share of the pool's call capacity in use (in-flight calls / live processes x calls per "
						+ "process), 0 to 1; 1 with calls waiting and no live process")
				.tag("upstream", upstream)
				.register(registry);
			counter(registry, upstream, "mcp.worker.pool.restarts", "Processes replaced after dying or failing a check",
					PoolStatus::restarts);
			counter(registry, upstream, "mcp.worker.pool.calls", "Calls the pool ran", PoolStatus::calls);
			counter(registry, upstream, "mcp.worker.pool.errors", "Calls that failed", PoolStatus::errors);
		}
	}

	/** Totals only: a tenant's name or variables never become a label. */
	private void bindTenantPools(MeterRegistry registry) {
		Gauge.builder("mcp.worker.tenant.pools", pools, all -> all.tenantPools().pools())
			.description("Tenant pools running (tenants whose upstream-env gives an upstream variables of their own)")
			.register(registry);
		Gauge.builder("mcp.worker.tenant.pools.reserved.processes", pools, all -> all.tenantPools().reservedProcesses())
			.description("Processes the tenant pools reserve of the budget bridge.pool.max-total-processes leaves them")
			.register(registry);
		FunctionCounter.builder("mcp.worker.tenant.pools.evictions", pools, all -> all.tenantPools().evictions())
			.description("Idle tenant pools stopped to make room for another")
			.register(registry);
	}

	private void counter(MeterRegistry registry, String upstream, String name, String description,
			ToDoubleFunction<PoolStatus> count) {
		FunctionCounter.builder(name, this, metrics -> metrics.read(upstream, count))
			.description(description)
			.tag("upstream", upstream)
			.register(registry);
	}

	static double utilization(PoolStatus status) {
		long capacity = (long) status.live() * Math.max(1, status.maxConcurrentPerProcess());
		if (capacity == 0) {
			return status.waitingCalls() > 0 ? 1 : 0;
		}
		return Math.min(1.0, (double) status.inFlight() / capacity);
	}

	private double read(String upstream, ToDoubleFunction<PoolStatus> field) {
		PoolStatus status = current().get(upstream);
		return status == null ? Double.NaN : field.applyAsDouble(status);
	}

	private Map<String, PoolStatus> current() {
		Snapshot last = snapshot;
		long now = System.nanoTime();
		if (last != null && now - last.takenNanos() < SNAPSHOT_REUSE_NANOS) {
			return last.pools();
		}
		Snapshot fresh = new Snapshot(pools.status(), now);
		snapshot = fresh;
		return fresh.pools();
	}

	private record Snapshot(Map<String, PoolStatus> pools, long takenNanos) {
	}

}
