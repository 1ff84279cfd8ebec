package io.mcpbridge.common;

import java.util.Arrays;
import java.util.List;

/**
 * Kafka topic and consumer group names of one deployment namespace. All request topics
 * must have the same partition count (co-partitioning). Without a namespace:
 * {@code mcp.requests.<priority>}, {@code mcp.requests.dlt} and the group
 * {@code mcp-bridge-workers}; with namespace {@code n}, each is prefixed {@code n.}.
 */
public final class Topics {

	/** The names of a deployment without a namespace. */
	public static final Topics DEFAULT = new Topics(Namespace.NONE);

	private static final String REQUESTS = "mcp.requests.";

	private final Namespace namespace;

	private final String requestPrefix;

	private Topics(Namespace namespace) {
		this.namespace = namespace;
		this.requestPrefix = namespace.kafkaPrefix() + REQUESTS;
	}

	public static Topics of(Namespace namespace) {
		return namespace.isNone() ? DEFAULT : new Topics(namespace);
	}

	public Namespace namespace() {
		return namespace;
	}

	public String requests(Priority priority) {
		return requestPrefix + priority.label();
	}

	/**
	 * Records that cannot be processed (undecodable, unknown upstream), with the reason
	 * in a header.
	 */
	public String deadLetters() {
		return requestPrefix + "dlt";
	}

	/**
	 * The workers' consumer group. The gateway reads its committed offsets to report each
	 * priority's lag in {@code /mcp/status}.
	 */
	public String workerGroup() {
		return namespace.kafkaPrefix() + "mcp-bridge-workers";
	}

	/** Request topics, highest priority first. */
	public List<String> allRequestTopics() {
		return Arrays.stream(Priority.values()).map(this::requests).toList();
	}

	/**
	 * The priority served by a request topic of any namespace ({@code [<namespace>.]}
	 * {@code mcp.requests.<priority>}): a consumer only ever sees the topics of its own
	 * namespace, so the label at the end is all it needs.
	 */
	public static Priority priorityOf(String topic) {
		if (topic != null) {
			int start = topic.startsWith(REQUESTS) ? 0 : topic.indexOf('.') + 1;
			if (topic.startsWith(REQUESTS, start)) {
				String label = topic.substring(start + REQUESTS.length());
				for (Priority priority : Priority.values()) {
					if (priority.label().equals(label)) {
						return priority;
					}
				}
			}
		}
		throw new IllegalArgumentException("not a request topic: " + topic);
	}

	@Override
	public String toString() {
		return "Topics[" + requestPrefix + "*]";
	}

}
