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

	private WorkerGroup() {
	}

	/** How many replies each worker (by its id) sent. */
	static Map<String, Long> repliesByWorker(Map<String, ReplyEnvelope> replies) {
		return replies.values().stream().collect(Collectors.groupingBy(ReplyEnvelope::worker, Collectors.counting()));
	}

	/** Members of the lane's worker group that hold at least one partition now. */
	static long membersWithPartitions(Admin admin, QueueLane lane) throws Exception {
		String name = lane.topics().workerGroup();
		ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(name)).all().get().get(name);
		return group.members().stream().filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
	}

}
