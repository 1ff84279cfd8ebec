package io.mcpbridge.gateway.submit;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
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

	QueueProducer(KafkaTemplate<String, String> kafka) {
		this.kafka = kafka;
	}

	CompletableFuture<Void> send(RequestEnvelope request) {
		ProducerRecord<String, String> record = new ProducerRecord<>(Topics.requests(request.priority()),
				request.routingKey(), BridgeJson.mapper().writeValueAsString(request));
		// Also as record headers, where tools that read Kafka (and not our envelope) look
		// for them.
		request.trace().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.US_ASCII)));
		try {
			return kafka.send(record).thenApply(sent -> null);
		}
		catch (RuntimeException failure) {
			// max.block.ms elapsed (no metadata) or the record could not be serialized
			return CompletableFuture.failedFuture(failure);
		}
	}

}
