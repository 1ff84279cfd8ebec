package io.mcpbridge.runtime;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SeedConfigTest {

	private static SeedConfig map(String yaml) {
		return SeedConfig.map("bridge.yaml", (Map<?, ?>) new Yaml().load(yaml));
	}

	@Test
	void theRepositorysExampleFileIsValidAndMapsOntoBothApps() {
		SeedConfig config = SeedConfig.map("config/bridge.yaml",
				SeedConfigFile.read(Path.of("..", "config", "bridge.yaml")));

		assertThat(config.gateway()).contains(entry("server.port", 3003), entry("bridge.queue.max-pending", 1000),
				entry("bridge.queue.default-timeout", "30000ms"), entry("bridge.cache.default-ttl", "300000ms"),
				entry("management.server.port", 9090), entry("logging.level.root", "INFO"));
		assertThat(config.worker()).contains(entry("bridge.kafka.concurrency", 1)).doesNotContainKey("server.port");
		assertThat(config.pool()).contains(entry("min", 2), entry("max", 10), entry("target", 5),
				entry("idle-timeout", "300000ms"));
	}

	@Test
	void anUnknownKeyIsNamedWithItsPath() {
		assertThatThrownBy(() -> map("queue:\n  max_sise: 10\n")).isInstanceOf(SeedConfigException.class)
			.hasMessageContaining("unknown key 'queue.max_sise'")
			.hasMessageContaining("max_size");
		assertThatThrownBy(() -> map("colour: blue\n")).hasMessageContaining("unknown key 'colour'");
		assertThatThrownBy(() -> map("cache:\n  levels:\n    l3: {}\n"))
			.hasMessageContaining("unknown key 'cache.levels.l3'");
	}

	@Test
	void anIllTypedValueIsNamedWithWhatWasExpected() {
		assertThatThrownBy(() -> map("queue:\n  max_size: lots\n"))
			.hasMessageContaining("queue.max_size must be an integer, got 'lots'");
		assertThatThrownBy(() -> map("session_pool:\n  auto_scale: sometimes\n"))
			.hasMessageContaining("session_pool.auto_scale must be true or false");
		assertThatThrownBy(() -> map("rate_limiting:\n  requests_per_second: -1\n"))
			.hasMessageContaining("rate_limiting.requests_per_second must be a number greater than 0");
		assertThatThrownBy(() -> map("cache:\n  levels:\n    l2:\n      url: http://x\n"))
			.hasMessageContaining("cache.levels.l2.url must be a redis://host:port URL");
	}

	@Test
	void switchesTheBridgeCannotTurnOffAreRefusedNotIgnored() {
		assertThatThrownBy(() -> map("queue:\n  priority_enabled: false\n"))
			.hasMessageContaining("queue.priority_enabled cannot be false");
		assertThatThrownBy(() -> map("monitoring:\n  health_check_path: /healthz\n"))
			.hasMessageContaining("monitoring.health_check_path must be /health");
	}

	@Test
	void upstreamsAndTheCacheRedisMapOntoTheWorker() {
		SeedConfig config = map("""
				upstreams:
				  - name: ha
				    command: npx
				    args: ["-y", "ha-mcp"]
				    env: {HASS_TOKEN: secret}
				    call_timeout_seconds: 15
				cache:
				  enabled: false
				  levels: {l2: {url: "redis://cache:6380"}}
				""");

		assertThat(config.worker()).contains(entry("bridge.upstreams[0].name", "ha"),
				entry("bridge.upstreams[0].args[1]", "ha-mcp"), entry("bridge.upstreams[0].env[HASS_TOKEN]", "secret"),
				entry("bridge.upstreams[0].call-timeout", "15000ms"), entry("bridge.cache.host", "cache"),
				entry("bridge.cache.port", 6380));
		assertThat(config.gateway()).contains(entry("bridge.cache.l1.enabled", false),
				entry("bridge.cache.l2.enabled", false), entry("bridge.cache.redis.port", 6380));
		assertThatThrownBy(() -> map("upstreams:\n  - command: node\n"))
			.hasMessageContaining("upstreams[0].name is required");
	}

	@Test
	void rateLimitingIsTheGatewaysTenantBucket() {
		SeedConfig config = map("rate_limiting: {enabled: true, requests_per_second: 10, burst_capacity: 100}\n");

		assertThat(config.gateway()).containsExactly(entry("bridge.rate-limiting.enabled", true),
				entry("bridge.rate-limiting.refill-per-second", 10.0), entry("bridge.rate-limiting.capacity", 100));
		assertThat(config.worker()).isEmpty();
		assertThatThrownBy(() -> map("rate_limiting: {burst: 100}\n"))
			.hasMessageContaining("unknown key 'rate_limiting.burst'");
	}

	@Test
	void sectionsWithoutAnEffectYetAreValidatedAndMapNothing() {
		SeedConfig config = map("""
				tenants: [{name: acme, api_keys: ["sha256:ab"], upstreams: [home]}]
				""");

		assertThat(config.gateway()).isEmpty();
		assertThat(config.worker()).isEmpty();
		assertThatThrownBy(() -> map("circuit_breaker: {failure_treshold: 5}\n"))
			.hasMessageContaining("unknown key 'circuit_breaker.failure_treshold'");
	}

	@Test
	void circuitBreakerMapsOntoTheWorkersBreakers() {
		SeedConfig config = map(
				"circuit_breaker: {enabled: true, failure_threshold: 7, recovery_timeout_seconds: 45}\n");

		assertThat(config.worker()).containsExactly(entry("bridge.circuit-breaker.enabled", true),
				entry("bridge.circuit-breaker.failure-threshold", 7),
				entry("bridge.circuit-breaker.open-duration", "45000ms"));
		assertThat(config.gateway()).isEmpty();
	}

}
