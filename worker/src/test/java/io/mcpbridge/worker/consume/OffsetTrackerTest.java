package io.mcpbridge.worker.consume;

import java.util.List;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetTrackerTest {

	private final TopicPartition partition = new TopicPartition("mcp.requests.medium", 0);

	private final OffsetTracker offsets = new OffsetTracker();

	@Test
	void commitsOnlyUpToTheLowestIncompleteOffset() {
		offsets.polled(partition, 10);
		offsets.polled(partition, 11);
		offsets.polled(partition, 12);

		offsets.completed(partition, 11);
		offsets.completed(partition, 12);

		assertThat(offsets.toCommit()).containsEntry(partition, new OffsetAndMetadata(10));
		offsets.completed(partition, 10);
		assertThat(offsets.toCommit()).containsEntry(partition, new OffsetAndMetadata(13));
		assertThat(offsets.toCommit()).isEmpty();
	}

	@Test
	void completionsOfAForgottenPartitionAreIgnored() {
		offsets.polled(partition, 5);
		offsets.forget(List.of(partition));

		offsets.completed(partition, 5);

		assertThat(offsets.toCommit()).isEmpty();
	}

}
