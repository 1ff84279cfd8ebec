package io.mcpbridge.common;

import java.util.Arrays;
import java.util.List;

/**
 * Kafka topic names. All request topics must have the same partition count
 * (co-partitioning).
 */
public final class Topics {

	public static final String PREFIX = "mcp.requests.";

	/**
	 * Records that cannot be processed (undecodable, unknown upstream), with the reason
	 * in a header.
	 */
	public static final String DEAD_LETTERS = PREFIX + "dlt";

	/**
	 * The workers' consumer group. The gateway reads its committed offsets to report each
	 * priority's lag in {@code /mcp/status}.
	 */
	public static final String WORKER_GROUP = "mcp-bridge-workers";

	private Topics() {
	}

	public static String requests(Priority priority) {
		return PREFIX + priority.label();
	}

	/** Request topics, highest priority first. */
	public static List<String> allRequestTopics() {
		return Arrays.stream(Priority.values()).map(Topics::requests).toList();
	}

	/** The priority served by a request topic. */
	public static Priority priorityOf(String topic) {
		for (Priority priority : Priority.values()) {
			if (requests(priority).equals(topic)) {
				return priority;
			}
		}
		throw new IllegalArgumentException("not a request topic: " + topic);
	}

}
