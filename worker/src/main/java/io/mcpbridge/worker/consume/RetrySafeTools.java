package io.mcpbridge.worker.consume;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.mcpbridge.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Which tools a read (a call the gateway did not mark as a write) may run a second time
 * after a transport failure or the death of its process. Such a failure leaves unknown
 * whether the tool had its effect, so repeating it is safe only for a tool that changes
 * nothing (MCP annotation {@code readOnlyHint}), whose repetition changes nothing more
 * ({@code idempotentHint}), or that the upstream's {@code idempotent-tools} lists. The
 * annotations come from the upstream's tools/list answer, which the tools cache keeps per
 * upstream and drops on {@code notifications/tools/list_changed}; the caller fetches it
 * when it is not cached.
 */
@Component
class RetrySafeTools {

	private static final Logger log = LoggerFactory.getLogger(RetrySafeTools.class);

	private final Map<String, Set<String>> configured;

	RetrySafeTools(WorkerProperties properties) {
		this.configured = properties.upstreams()
			.stream()
			.collect(Collectors.toUnmodifiableMap(WorkerProperties.Upstream::name,
					upstream -> Set.copyOf(upstream.idempotentTools())));
	}

	/**
	 * @param toolsList the upstream's tools/list result (cached or fetched); only asked
	 * when the configuration does not settle it. A failure to get it means "not safe": no
	 * retry.
	 */
	boolean allowsRetry(String upstream, String tool, Supplier<JsonNode> toolsList) {
		if (configured.getOrDefault(upstream, Set.of()).contains(tool)) {
			return true;
		}
		try {
			return isAnnotatedSafe(toolsList.get(), tool);
		}
		catch (RuntimeException ex) {
			log.info("upstream {}: cannot tell whether {} is safe to retry (tools/list failed: {}); not retrying",
					upstream, tool, ex.getMessage());
			return false;
		}
	}

	static boolean isAnnotatedSafe(JsonNode toolsListResult, String tool) {
		for (JsonNode definition : toolsListResult.path("tools")) {
			if (tool.equals(definition.path("name").asString(null))) {
				JsonNode annotations = definition.path("annotations");
				return annotations.path("readOnlyHint").asBoolean(false)
						|| annotations.path("idempotentHint").asBoolean(false);
			}
		}
		return false;
	}

}
