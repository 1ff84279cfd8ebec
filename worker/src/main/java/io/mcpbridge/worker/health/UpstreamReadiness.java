package io.mcpbridge.worker.health;

import java.util.Map;

import io.mcpbridge.worker.pool.PoolStatus;
import io.mcpbridge.worker.pool.UpstreamPools;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness contributor {@code upstreams}: up when at least one upstream process is live
 * (idle or busy) in some pool. A worker none of whose processes start (a wrong command, a
 * missing runtime in the image) would otherwise take partitions and answer every request
 * with an upstream error; unready, it shows in the rollout instead. Not part of liveness:
 * restarting the JVM does not fix a command line.
 */
@Component("upstreamsHealthIndicator")
class UpstreamReadiness implements HealthIndicator {

	private final UpstreamPools pools;

	UpstreamReadiness(UpstreamPools pools) {
		this.pools = pools;
	}

	@Override
	public Health health() {
		Map<String, PoolStatus> status = pools.status();
		Health.Builder health = status.values().stream().anyMatch(pool -> pool.idle() + pool.busy() > 0) ? Health.up()
				: Health.down();
		status.forEach((name, pool) -> health.withDetail(name, Map.of("idle", pool.idle(), "busy", pool.busy(),
				"starting", pool.starting(), "restarting", pool.restarting())));
		return health.build();
	}

}
