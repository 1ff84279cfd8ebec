package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.pool.UpstreamPools;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Each upstream's tools/list answer, kept in memory for tools-cache.ttl: the list rarely
 * changes and every client session asks for it. Bounded by the number of configured
 * upstreams. An upstream's {@code notifications/tools/list_changed} drops its entry.
 */
@Component
class ToolsCache {

	static final String TOOLS_CHANGED = "notifications/tools/list_changed";

	record Entry(JsonNode tools, long expiresEpochMs) {
	}

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Duration ttl;

	ToolsCache(WorkerProperties properties, UpstreamPools pools) {
		this.ttl = properties.toolsCache().ttl();
		pools.events().subscribe((upstream, method) -> {
			if (TOOLS_CHANGED.equals(method)) {
				entries.remove(upstream);
			}
		});
	}

	void invalidate(String upstream) {
		entries.remove(upstream);
	}

	Optional<Entry> get(String upstream, long nowEpochMs) {
		Entry entry = entries.get(upstream);
		return entry != null && nowEpochMs < entry.expiresEpochMs() ? Optional.of(entry) : Optional.empty();
	}

	Entry put(String upstream, JsonNode tools, long nowEpochMs) {
		Entry entry = new Entry(tools, nowEpochMs + ttl.toMillis());
		entries.put(upstream, entry);
		return entry;
	}

}
