package io.mcpbridge.runtime;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness contributor {@code kafka}: up when the cluster answers a describe within the
 * probe timeout. Liveness never includes it: a broker outage must make replicas unready
 * (no traffic), not restart them.
 */
public final class KafkaReachability implements HealthIndicator {

	private final Admin admin;

	private final int timeoutMs;

	public KafkaReachability(Admin admin, int timeoutMs) {
		this.admin = admin;
		this.timeoutMs = timeoutMs;
	}

	@Override
	public Health health() {
		try {
			int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
				.nodes()
				.get(timeoutMs, TimeUnit.MILLISECONDS)
				.size();
			return Health.up().withDetail("nodes", nodes).build();
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (Exception unreachable) {
			// The class name only: no broker addresses or stack traces on a probe
			// endpoint.
			return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
		}
	}

}
