package io.mcpbridge.gateway;

import java.time.Duration;
import java.util.List;

import io.mcpbridge.common.Priority;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.config.GatewayProperties.ToolCache;
import io.mcpbridge.gateway.config.GatewayProperties.ToolPolicy;

import org.springframework.util.unit.DataSize;

/** Gateway properties for unit tests, with the seed's tool table. */
public final class TestProperties {

	private TestProperties() {
	}

	public static GatewayProperties withMaxPending(int maxPending) {
		return with(new GatewayProperties.Sessions(Duration.ofMinutes(30), Duration.ofSeconds(60),
				Duration.ofSeconds(1), 10_000), maxPending);
	}

	/** Sessions read from Redis on every use (no local reuse). */
	public static GatewayProperties withSessions(Duration idleTtl, Duration lastSeenInterval) {
		return withSessions(idleTtl, lastSeenInterval, Duration.ZERO);
	}

	public static GatewayProperties withSessions(Duration idleTtl, Duration lastSeenInterval, Duration localTtl) {
		return with(new GatewayProperties.Sessions(idleTtl, lastSeenInterval, localTtl, 10_000), 1000);
	}

	private static GatewayProperties with(GatewayProperties.Sessions sessions, int maxPending) {
		return new GatewayProperties("gw-test", "default", "home", sessions,
				new GatewayProperties.Queue(Duration.ofSeconds(30), Duration.ofSeconds(300), maxPending, 1000,
						Duration.ofSeconds(1), Duration.ofMillis(100)),
				new GatewayProperties.Kafka(12, (short) 1), new GatewayProperties.Http(DataSize.ofBytes(64)),
				List.of(new ToolPolicy("get_entity_state", Priority.CRITICAL, null),
						new ToolPolicy("get_entities", Priority.HIGH, Duration.ofSeconds(10)),
						new ToolPolicy("call_service", Priority.MEDIUM, Duration.ofSeconds(30)),
						new ToolPolicy("create_automation", Priority.LOW, Duration.ofSeconds(60)),
						new ToolPolicy("get_history", Priority.BULK, null)),
				new GatewayProperties.Idempotency(Duration.ofHours(24), Duration.ofMillis(50), Duration.ofSeconds(1)),
				new GatewayProperties.Mcp(List.of("http://localhost:*"), List.of("localhost"), Duration.ofSeconds(15),
						Duration.ofMinutes(10), 1000, Duration.ofSeconds(5)),
				cache(), "");
	}

	/** The cache as gateway.yaml configures it (the seed's policies). */
	public static GatewayProperties.Cache cache() {
		return new GatewayProperties.Cache(new GatewayProperties.L1(true, 1000, Duration.ofSeconds(10), true),
				new GatewayProperties.L2(true), new GatewayProperties.CacheRedis(null, 0, Duration.ofSeconds(1)),
				Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMillis(20), false,
				List.of(new ToolCache("tools/list", Duration.ofHours(1)),
						new ToolCache("get_entities", Duration.ofSeconds(60)),
						new ToolCache("get_entity_state", Duration.ofSeconds(10)),
						new ToolCache("call_service", Duration.ZERO)));
	}

	public static GatewayProperties defaults() {
		return withMaxPending(1000);
	}

}
