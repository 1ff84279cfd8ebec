package io.mcpbridge.gateway.status;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * What a tenant that is not an operator sees of {@code /mcp/status}: the bridge's health
 * and its own queue (its pending requests, across gateways), nothing of the other tenants
 * (not even aggregates of their traffic).
 */
@Component
class TenantStatus {

	private final StringRedisTemplate redis;

	TenantStatus(StringRedisTemplate redis) {
		this.redis = redis;
	}

	ObjectNode of(String tenant, ObjectNode whole) {
		ObjectNode document = BridgeJson.mapper().createObjectNode();
		ObjectNode bridge = document.putObject("bridge");
		ObjectNode wholeBridge = (ObjectNode) whole.get("bridge");
		for (String field : new String[] { "status", "version", "uptime_seconds", "gateway_id" }) {
			if (wholeBridge.has(field)) {
				bridge.set(field, wholeBridge.get(field));
			}
		}
		document.set("tenant", Sections.guarded("tenant", () -> {
			ObjectNode own = BridgeJson.mapper().createObjectNode();
			own.put("id", tenant);
			Long pending = redis.opsForZSet()
				.count(RedisKeys.inflight(tenant), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
			own.put("pending", pending == null ? 0 : pending);
			return own;
		}));
		return document;
	}

}
