package io.mcpbridge.worker.config;

import io.mcpbridge.runtime.KafkaReachability;
import io.mcpbridge.runtime.ProbeAdmin;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The worker's admin client for the start-up topic check and the readiness probe. */
@Configuration(proxyBeanMethods = false)
class ProbeAdminConfig {

	static final String PROBE_ADMIN = "workerProbeKafkaAdmin";

	static final int PROBE_TIMEOUT_MS = ProbeAdmin.TIMEOUT_MS;

	@Bean(name = PROBE_ADMIN, destroyMethod = "close")
	Admin workerProbeKafkaAdmin(KafkaAdmin kafkaAdmin) {
		return ProbeAdmin.create(kafkaAdmin.getConfigurationProperties(), "mcp-bridge-worker-probe");
	}

	/** Readiness contributor {@code kafka}. */
	@Bean
	KafkaReachability kafkaHealthIndicator(@Qualifier(PROBE_ADMIN) Admin admin) {
		return new KafkaReachability(admin, PROBE_TIMEOUT_MS);
	}

}
