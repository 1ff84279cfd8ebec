package io.mcpbridge.gateway.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mcpbridge.gateway.config.ProbeAdminConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: 200 only when Kafka and Redis both answer, else 503; each
 * dependency is listed with its response time (the seed's shape).
 */
@RestController
class HealthController {

	private static final int PROBE_TIMEOUT_MS = ProbeAdminConfig.PROBE_TIMEOUT_MS;

	private final Admin kafkaAdmin;

	private final RedisConnectionFactory redis;

	HealthController(@Qualifier(ProbeAdminConfig.PROBE_ADMIN) Admin kafkaAdmin, RedisConnectionFactory redis) {
		this.kafkaAdmin = kafkaAdmin;
		this.redis = redis;
	}

	@GetMapping("/health")
	ResponseEntity<Health> health() {
		Map<String, DependencyCheck> dependencies = new LinkedHashMap<>();
		dependencies.put("kafka",
				DependencyCheck
					.probe(() -> kafkaAdmin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS))
						.nodes()
						.get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)));
		dependencies.put("redis", DependencyCheck.probe(() -> {
			try (RedisConnection connection = redis.getConnection()) {
				connection.ping();
			}
		}));
		boolean healthy = dependencies.values().stream().allMatch(DependencyCheck::isUp);
		Health body = new Health(healthy ? "healthy" : "unhealthy", Instant.now().toString(), dependencies);
		return ResponseEntity.status(healthy ? 200 : 503).body(body);
	}

	record Health(@JsonProperty("status") String status, @JsonProperty("timestamp") String timestamp,
			@JsonProperty("dependencies") Map<String, DependencyCheck> dependencies) {
	}

}
