package io.mcpbridge.worker.consume;

import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.reply.ReplyPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * What a poll thread does with each record: decode it and hand it to its upstream's
 * scheduler. Poison records never reach a scheduler: an undecodable one and one for an
 * unknown upstream go to the dead letters (the latter is also answered, so its client
 * does not wait for nothing), and their offsets complete at once.
 */
final class RecordIntake {

	private static final Logger log = LoggerFactory.getLogger(RecordIntake.class);

	private final Map<String, UpstreamScheduler> schedulers;

	private final DeadLetters deadLetters;

	private final ReplyPublisher replies;

	private final String workerId;

	RecordIntake(Map<String, UpstreamScheduler> schedulers, DeadLetters deadLetters, ReplyPublisher replies,
			String workerId) {
		this.schedulers = schedulers;
		this.deadLetters = deadLetters;
		this.replies = replies;
		this.workerId = workerId;
	}

	void accept(ConsumerRecord<String, String> record, OffsetTracker offsets) {
		offsets.polled(new TopicPartition(record.topic(), record.partition()), record.offset());
		RequestEnvelope request;
		try {
			request = decode(record);
		}
		catch (IllegalArgumentException undecodable) {
			deadLetter(record, offsets, DeadLetters.Reason.UNDECODABLE, undecodable.getMessage());
			return;
		}
		Work work = new Work(record, request, offsets);
		UpstreamScheduler scheduler = schedulers.get(request.upstream());
		if (scheduler == null) {
			answerUnknownUpstream(request);
			deadLetter(record, offsets, DeadLetters.Reason.UNKNOWN_UPSTREAM, request.upstream());
			return;
		}
		scheduler.submit(work);
	}

	private void answerUnknownUpstream(RequestEnvelope request) {
		try {
			replies.publish(request, ReplyEnvelope.failure(request,
					ReplyError.of(ErrorCode.UNKNOWN_UPSTREAM, "unknown upstream: " + request.upstream()), workerId));
		}
		catch (RuntimeException ex) {
			// The dead letter still records it; the gateway answers the client at the
			// deadline.
			log.warn("could not answer request {} for unknown upstream {}: {}", request.requestId(), request.upstream(),
					ex.toString());
		}
	}

	private void deadLetter(ConsumerRecord<String, String> record, OffsetTracker offsets, DeadLetters.Reason reason,
			String detail) {
		try {
			deadLetters.send(record, reason, detail);
			offsets.completed(new TopicPartition(record.topic(), record.partition()), record.offset());
		}
		catch (RuntimeException ex) {
			// Left uncommitted: redelivered after a restart or rebalance rather than
			// lost.
			log.error("could not dead-letter {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					ex.toString());
		}
	}

	/**
	 * @throws IllegalArgumentException with the reason when the value is no valid
	 * envelope
	 */
	private static RequestEnvelope decode(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			throw new IllegalArgumentException("empty record value");
		}
		try {
			return BridgeJson.mapper().readValue(record.value(), RequestEnvelope.class);
		}
		catch (JacksonException ex) {
			// Invariant violations in the envelope's constructor surface as Jackson
			// exceptions too.
			throw new IllegalArgumentException(ex.getOriginalMessage(), ex);
		}
	}

}
