package io.mcpbridge.gateway.submit;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Produces a request to its priority's topic, keyed by entity; completes when the broker
 * acknowledged it. The request's W3C trace context ({@code traceparent},
 * {@code tracestate}) travels in the record's headers as well as in the envelope.
 */
@Component
class QueueProducer {

	private final KafkaTemplate<String, String> kafka;

	private final int maxRecordBytes;

	private final Topics topics;

	QueueProducer(KafkaTemplate<String, String> kafka, GatewayProperties properties, Topics topics) {
		this.kafka = kafka;
		this.topics = topics;
		this.maxRecordBytes = RecordLimit.maxRecordBytes(properties);
	}

	CompletableFuture<Void> send(RequestEnvelope request) {
		String value = BridgeJson.mapper().writeValueAsString(request);
		if (RecordLimit.utf8Length(value) > maxRecordBytes) {
			// Refused before Kafka sees it: a retry would fail alike, so no
			// QUEUE_UNAVAILABLE.
			return CompletableFuture.failedFuture(new BridgeException(ErrorCode.PAYLOAD_TOO_LARGE,
					"the request is larger than the queue takes (" + maxRecordBytes + " bytes with its envelope)",
					request.requestId()));
		}
		ProducerRecord<String, String> record = new ProducerRecord<>(topics.requests(request.priority()),
				request.routingKey(), value);
		// Also as record headers, where tools that read Kafka (and not our envelope) look
		// for them.
		request.trace()
			.forEach((name, context) -> record.headers().add(name, context.getBytes(StandardCharsets.US_ASCII)));
		try {
			return kafka.send(record).thenApply(sent -> null);
		}
		catch (RuntimeException failure) {
			// max.block.ms elapsed (no metadata) or the record could not be serialized
			return CompletableFuture.failedFuture(failure);
		}
	}

}
