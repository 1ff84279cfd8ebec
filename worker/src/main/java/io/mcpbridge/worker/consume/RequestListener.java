package io.mcpbridge.worker.consume;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.pool.UpstreamPools;
import io.mcpbridge.worker.reply.ReplyPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes every request topic. Each record is processed synchronously on its listener thread, so
 * records of one partition (hence of one routing key) run one after the other, in order.
 */
@Component
class RequestListener {

	private static final Logger log = LoggerFactory.getLogger(RequestListener.class);

	static final String GROUP = "mcp-bridge-workers";

	static final String ID = "mcp-bridge-requests";

	private final UpstreamPools pools;

	private final RequestHandler handler;

	private final ReplyPublisher replies;

	private final DeadLetters deadLetters;

	private final String workerId;

	RequestListener(UpstreamPools pools, RequestHandler handler, ReplyPublisher replies, DeadLetters deadLetters,
			WorkerProperties properties) {
		this.pools = pools;
		this.handler = handler;
		this.replies = replies;
		this.deadLetters = deadLetters;
		this.workerId = properties.worker().id();
	}

	/*
	 * RangeAssignor is named explicitly: it gives partition i of every request topic to the same
	 * consumer, which keeps one entity's records of all priorities on one worker.
	 */
	@KafkaListener(id = ID, groupId = GROUP, topics = "#{T(io.mcpbridge.common.Topics).allRequestTopics()}",
			properties = { "auto.offset.reset=earliest",
					"partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor" })
	void onRequest(ConsumerRecord<String, String> record) {
		RequestEnvelope request = decode(record);
		if (request == null) {
			return;
		}
		if (!pools.has(request.upstream())) {
			// Dead-lettered for the operators AND answered, so the client does not wait for nothing.
			deadLetters.send(record, DeadLetters.Reason.UNKNOWN_UPSTREAM, request.upstream());
			publish(request, ReplyEnvelope.failure(request,
					ReplyError.of(ErrorCode.UNKNOWN_UPSTREAM, "unknown upstream: " + request.upstream()), workerId));
			return;
		}
		publish(request, handler.handle(request));
	}

	/** A reply that cannot be stored fails the record: the error handler retries it (bounded). */
	private void publish(RequestEnvelope request, ReplyEnvelope reply) {
		try {
			replies.publish(request, reply);
		}
		catch (RuntimeException ex) {
			log.warn("could not publish the reply to request {} of tenant {}, the record will be retried: {}",
					request.requestId(), request.tenant(), ex.toString());
			throw ex;
		}
	}

	private RequestEnvelope decode(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			deadLetters.send(record, DeadLetters.Reason.UNDECODABLE, "empty record value");
			return null;
		}
		try {
			return BridgeJson.mapper().readValue(record.value(), RequestEnvelope.class);
		}
		catch (JacksonException ex) {
			// Invariant violations in the envelope's constructor surface as Jackson exceptions too.
			deadLetters.send(record, DeadLetters.Reason.UNDECODABLE, ex.getOriginalMessage());
			return null;
		}
	}
}
