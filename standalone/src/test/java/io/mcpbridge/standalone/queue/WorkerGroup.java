package io.mcpbridge.standalone.queue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.mcpbridge.common.ReplyEnvelope;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * What tests with several worker processes read about the workers' consumer group and its
 * replies.
 */
final class WorkerGroup {

	/** The workers' consumer group (the worker's default). */
	static final String GROUP = "mcp-bridge-workers";

	private WorkerGroup() {
	}

	/** How many replies each worker (by its id) sent. */
	static Map<String, Long> repliesByWorker(Map<String, ReplyEnvelope> replies) {
		return replies.values().stream().collect(Collectors.groupingBy(ReplyEnvelope::worker, Collectors.counting()));
	}

	/** Members of the group that hold at least one partition now. */
	static long membersWithPartitions(Admin admin) throws Exception {
		ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
		return group.members().stream().filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
	}

}
