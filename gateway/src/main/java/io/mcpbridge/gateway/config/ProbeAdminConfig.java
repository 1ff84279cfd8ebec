package io.mcpbridge.gateway.config;

import io.mcpbridge.runtime.ProbeAdmin;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
public class ProbeAdminConfig {

	/**
	 * The bean name of the admin client that {@code /health}, readiness and
	 * {@code /mcp/status} share.
	 */
	public static final String PROBE_ADMIN = "probeKafkaAdmin";

	/** How long one probe may wait for the broker. */
	public static final int PROBE_TIMEOUT_MS = ProbeAdmin.TIMEOUT_MS;

	/**
	 * One long-lived admin client for health probes, the start-up topic check and the
	 * status page's offsets, with short timeouts: while Kafka is down, they say so within
	 * seconds.
	 */
	@Bean(name = PROBE_ADMIN, destroyMethod = "close")
	Admin probeKafkaAdmin(KafkaAdmin kafkaAdmin) {
		return ProbeAdmin.create(kafkaAdmin.getConfigurationProperties(), "mcp-bridge-gateway-probe");
	}

}
