package io.mcpbridge.gateway.status;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mcpbridge.common.Priority;
import io.mcpbridge.common.Topics;
import io.mcpbridge.gateway.config.ProbeAdminConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Per priority topic: its end offset (requests ever queued, summed over partitions) and
 * the workers' consumer-group lag (queued, not yet committed as done), read with the
 * Kafka admin client and cached for {@code bridge.status.queue-cache-ttl}. A partition
 * the group never committed counts from its first retained offset, as the workers start
 * there ({@code auto.offset.reset=earliest}).
 */
@Component
class QueueOffsets {

	/** One priority topic's offsets, summed over its partitions. */
	record TopicOffsets(long endOffset, long lag) {
	}

	private static final long TIMEOUT_MS = ProbeAdminConfig.PROBE_TIMEOUT_MS;

	private final Admin admin;

	private final CachedValue<Map<Priority, TopicOffsets>> offsets;

	private final Topics topics;

	QueueOffsets(@Qualifier(ProbeAdminConfig.PROBE_ADMIN) Admin admin, StatusProperties properties, Topics topics) {
		this.admin = admin;
		this.topics = topics;
		this.offsets = new CachedValue<>(this::read, properties.queueCacheTtl());
	}

	/**
	 * @throws RuntimeException when Kafka does not answer in time
	 */
	Map<Priority, TopicOffsets> byPriority() {
		return offsets.get();
	}

	private Map<Priority, TopicOffsets> read() {
		try {
			List<TopicPartition> partitions = partitions();
			Map<TopicPartition, ListOffsetsResultInfo> ends = listOffsets(partitions, OffsetSpec.latest());
			Map<TopicPartition, ListOffsetsResultInfo> starts = listOffsets(partitions, OffsetSpec.earliest());
			Map<TopicPartition, OffsetAndMetadata> committed = await(
					admin.listConsumerGroupOffsets(topics.workerGroup()).partitionsToOffsetAndMetadata());
			Map<Priority, TopicOffsets> result = new EnumMap<>(Priority.class);
			for (Priority priority : Priority.values()) {
				result.put(priority, new TopicOffsets(0, 0));
			}
			for (TopicPartition partition : partitions) {
				long end = ends.get(partition).offset();
				OffsetAndMetadata done = committed == null ? null : committed.get(partition);
				long position = done != null ? done.offset() : starts.get(partition).offset();
				Priority priority = Topics.priorityOf(partition.topic());
				TopicOffsets sum = result.get(priority);
				result.put(priority, new TopicOffsets(sum.endOffset() + end, sum.lag() + Math.max(0, end - position)));
			}
			return result;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading Kafka offsets", ex);
		}
	}

	private List<TopicPartition> partitions() throws InterruptedException {
		Map<String, TopicDescription> described = await(
				admin.describeTopics(topics.allRequestTopics()).allTopicNames());
		List<TopicPartition> partitions = new ArrayList<>();
		described.forEach((name, description) -> description.partitions()
			.forEach(info -> partitions.add(new TopicPartition(name, info.partition()))));
		return partitions;
	}

	private Map<TopicPartition, ListOffsetsResultInfo> listOffsets(List<TopicPartition> partitions, OffsetSpec spec)
			throws InterruptedException {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach(partition -> request.put(partition, spec));
		return await(admin.listOffsets(request).all());
	}

	private static <T> T await(KafkaFuture<T> future) throws InterruptedException {
		try {
			return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Kafka: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_MS + " ms", ex);
		}
	}

}
