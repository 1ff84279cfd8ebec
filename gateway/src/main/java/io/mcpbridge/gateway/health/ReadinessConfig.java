package io.mcpbridge.gateway.health;

import io.mcpbridge.gateway.config.ProbeAdminConfig;
import io.mcpbridge.runtime.KafkaReachability;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Readiness contributor {@code kafka} on the management port
 * ({@code /actuator/health/readiness} includes it with {@code redis}); the seed-shaped
 * {@code /health} on the traffic port probes the same.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessConfig {

	@Bean
	KafkaReachability kafkaHealthIndicator(@Qualifier(ProbeAdminConfig.PROBE_ADMIN) Admin admin) {
		return new KafkaReachability(admin, ProbeAdminConfig.PROBE_TIMEOUT_MS);
	}

}
