package io.mcpbridge.runtime;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The admin client of health probes and start-up topic checks: short timeouts, so that
 * while Kafka is down a probe says so within seconds instead of waiting a minute.
 */
public final class ProbeAdmin {

	/** How long one probe may wait for the broker. */
	public static final int TIMEOUT_MS = 2000;

	private ProbeAdmin() {
	}

	/**
	 * @param kafkaConfig the app's admin configuration (bootstrap servers, security)
	 */
	public static Admin create(Map<String, Object> kafkaConfig, String clientId) {
		Map<String, Object> config = new HashMap<>(kafkaConfig);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
		return Admin.create(config);
	}

}
