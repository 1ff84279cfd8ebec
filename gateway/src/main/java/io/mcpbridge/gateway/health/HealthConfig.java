package io.mcpbridge.gateway.health;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class HealthConfig {

	/** One long-lived admin client for health probes, with short timeouts so a probe never hangs. */
	@Bean(destroyMethod = "close")
	Admin healthKafkaAdmin(KafkaAdmin kafkaAdmin) {
		Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, HealthController.PROBE_TIMEOUT_MS);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, HealthController.PROBE_TIMEOUT_MS);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "mcp-bridge-gateway-health");
		return Admin.create(config);
	}
}
