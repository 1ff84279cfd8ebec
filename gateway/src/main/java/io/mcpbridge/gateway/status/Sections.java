package io.mcpbridge.gateway.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.Topics;
import io.mcpbridge.common.WorkerReport;
import io.mcpbridge.gateway.status.QueueOffsets.TopicOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the sections of {@code /mcp/status} from what the gateway has read. */
final class Sections {

	private static final Logger log = LoggerFactory.getLogger(Sections.class);

	private Sections() {
	}

	/**
	 * The section, or {@code {"status": "unavailable", "error": ...}} when its dependency
	 * failed: one part that is down never takes the whole status page with it.
	 */
	static JsonNode guarded(String name, Supplier<JsonNode> section) {
		try {
			return section.get();
		}
		catch (RuntimeException ex) {
			log.debug("status section {} unavailable: {}", name, ex.toString());
			return unavailable(ex);
		}
	}

	static ObjectNode unavailable(RuntimeException failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		ObjectNode section = BridgeJson.mapper().createObjectNode();
		section.put("status", "unavailable");
		section.put("error", cause.getClass().getSimpleName());
		return section;
	}

	static boolean isUnavailable(JsonNode section) {
		return "unavailable".equals(section.path("status").asString(null));
	}

	static ObjectNode sessions(long active, long idleTtlSeconds) {
		ObjectNode section = BridgeJson.mapper().createObjectNode();
		section.put("active", active);
		section.put("idle_ttl_seconds", idleTtlSeconds);
		return section;
	}

	/**
	 * Kafka's view per priority, with what the live workers hold in memory when their
	 * reports are at hand.
	 */
	static ObjectNode queue(Topics topics, Map<Priority, TopicOffsets> offsets, List<WorkerReport> workers) {
		ObjectNode section = BridgeJson.mapper().createObjectNode();
		section.put("consumer_group", topics.workerGroup());
		section.put("pending", offsets.values().stream().mapToLong(TopicOffsets::lag).sum());
		ObjectNode byPriority = section.putObject("by_priority");
		offsets.forEach((priority, topic) -> {
			ObjectNode level = byPriority.putObject(priority.name());
			level.put("topic", topics.requests(priority));
			level.put("end_offset", topic.endOffset());
			level.put("lag", topic.lag());
			if (workers != null) {
				level.put("buffered_in_workers",
						workers.stream()
							.mapToLong(worker -> worker.bufferedByPriority().getOrDefault(priority.name(), 0))
							.sum());
			}
		});
		return section;
	}

	static ObjectNode workers(List<WorkerReport> workers) {
		ObjectNode section = BridgeJson.mapper().createObjectNode();
		for (WorkerReport worker : workers) {
			ObjectNode entry = section.putObject(worker.workerId());
			entry.put("started", Instant.ofEpochMilli(worker.startedEpochMs()).toString());
			entry.put("reported", Instant.ofEpochMilli(worker.reportedEpochMs()).toString());
			entry.set("upstreams", BridgeJson.mapper().valueToTree(worker.upstreamNames()));
			entry.set("buffered", BridgeJson.mapper().valueToTree(worker.bufferedByPriority()));
		}
		return section;
	}

	/**
	 * Filled in by the gateway's read cache once it exists (issue 6 exposes its
	 * statistics).
	 */

}
