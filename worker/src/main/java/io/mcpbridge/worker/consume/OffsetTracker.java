package io.mcpbridge.worker.consume;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The commit position of each partition one consumer owns: the lowest offset polled but
 * not yet completed, or one past the highest polled offset when all are complete. Records
 * complete out of order (different keys run in parallel), so committing anything higher
 * could lose a record on a crash; committing this position loses nothing (at-least-once:
 * records above it that did complete are redelivered and answered from their stored
 * result, see {@link ExecutionGuard}).
 *
 * <p>
 * Thread-safe: the poll thread adds offsets and commits, executor threads complete them.
 * Bounded by the number of records buffered or in flight.
 */
final class OffsetTracker {

	private static final class Positions {

		private final TreeSet<Long> incomplete = new TreeSet<>();

		private long nextAfterHighest = -1;

		private long committed = -1;

		long position() {
			return incomplete.isEmpty() ? nextAfterHighest : incomplete.first();
		}

	}

	private final Map<TopicPartition, Positions> partitions = new HashMap<>();

	synchronized void polled(TopicPartition partition, long offset) {
		Positions positions = partitions.computeIfAbsent(partition, any -> new Positions());
		positions.incomplete.add(offset);
		positions.nextAfterHighest = Math.max(positions.nextAfterHighest, offset + 1);
	}

	/**
	 * Completions of partitions this consumer no longer owns are ignored: the new owner
	 * redoes them.
	 */
	synchronized void completed(TopicPartition partition, long offset) {
		Positions positions = partitions.get(partition);
		if (positions != null) {
			positions.incomplete.remove(offset);
		}
	}

	/** Positions that moved since the last call, marked as committed. */
	synchronized Map<TopicPartition, OffsetAndMetadata> toCommit() {
		return toCommit(partitions.keySet());
	}

	synchronized Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> which) {
		Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
		for (TopicPartition partition : which) {
			Positions positions = partitions.get(partition);
			if (positions != null && positions.position() > positions.committed) {
				positions.committed = positions.position();
				commits.put(partition, new OffsetAndMetadata(positions.committed));
			}
		}
		return commits;
	}

	/** Forgets partitions that were revoked or lost. */
	synchronized void forget(Collection<TopicPartition> revoked) {
		revoked.forEach(partitions::remove);
	}

}
