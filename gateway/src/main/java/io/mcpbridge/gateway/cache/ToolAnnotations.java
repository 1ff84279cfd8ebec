package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.JsonNode;

/**
 * Which tools of each upstream are annotated {@code readOnlyHint: true}, learnt from the
 * tools/list results that pass through this gateway (a client's, or one the gateway asks
 * for itself when it meets an upstream it knows nothing about). Kept as long as a
 * tools/list entry, and bounded: only upstreams that answered tools/list are ever
 * recorded.
 */
class ToolAnnotations {

	private static final int MAX_UPSTREAMS = 256;

	private final Cache<String, Map<String, Boolean>> readOnlyByUpstream;

	ToolAnnotations(Duration keepFor) {
		this.readOnlyByUpstream = Caffeine.newBuilder().maximumSize(MAX_UPSTREAMS).expireAfterWrite(keepFor).build();
	}

	void learn(String upstream, JsonNode toolsListResult) {
		JsonNode tools = toolsListResult == null ? null : toolsListResult.get("tools");
		if (tools == null || !tools.isArray()) {
			return;
		}
		Map<String, Boolean> readOnly = new HashMap<>();
		for (JsonNode tool : tools) {
			String name = tool.path("name").asString(null);
			if (name != null) {
				readOnly.put(name, tool.path("annotations").path("readOnlyHint").asBoolean(false));
			}
		}
		readOnlyByUpstream.put(upstream, Map.copyOf(readOnly));
	}

	/**
	 * Whether the tool is annotated read-only; empty while this upstream's tools are
	 * unknown. A tool the upstream does not list is not read-only.
	 */
	Optional<Boolean> readOnly(String upstream, String tool) {
		Map<String, Boolean> tools = readOnlyByUpstream.getIfPresent(upstream);
		return tools == null ? Optional.empty() : Optional.of(tools.getOrDefault(tool, false));
	}

}
