package io.mcpbridge.worker.consume;

import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One decoded request waiting in the worker, with the record it came from (for its offset
 * and, if it fails for good, its dead letter).
 *
 * @param record the polled record
 * @param request the decoded envelope
 * @param offsets the tracker of the consumer that polled it
 */
record Work(ConsumerRecord<String, String> record, RequestEnvelope request, OffsetTracker offsets) {

	TopicPartition partition() {
		return new TopicPartition(record.topic(), record.partition());
	}

	/**
	 * The routing key, compared by value; the envelope's own key when the record has
	 * none.
	 */
	String key() {
		return record.key() != null ? record.key() : request.routingKey();
	}

	Priority priority() {
		return Topics.priorityOf(record.topic());
	}

	/**
	 * Called once the reply (or the dead letter) was written: the offset may be
	 * committed.
	 */
	void completed() {
		offsets.completed(partition(), record.offset());
	}
}
