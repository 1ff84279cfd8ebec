package io.mcpbridge.gateway.config;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
public class ProbeAdminConfig {

	/** The bean name of the admin client that {@code /health} and {@code /mcp/status} share. */
	public static final String PROBE_ADMIN = "probeKafkaAdmin";

	/** How long one probe may wait for the broker. */
	public static final int PROBE_TIMEOUT_MS = 2000;

	/**
	 * One long-lived admin client for health probes and the status page's offsets, with short
	 * timeouts: while Kafka is down, both say so within seconds instead of waiting a minute.
	 */
	@Bean(name = PROBE_ADMIN, destroyMethod = "close")
	Admin probeKafkaAdmin(KafkaAdmin kafkaAdmin) {
		Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "mcp-bridge-gateway-probe");
		return Admin.create(config);
	}
}
