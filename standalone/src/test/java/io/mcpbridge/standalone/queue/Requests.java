package io.mcpbridge.standalone.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Request envelopes of one fresh tenant, produced straight to the request topics as a
 * gateway would (keyed by routing key, in call order).
 */
final class Requests implements AutoCloseable {

	final String tenant = "q-" + UUID.randomUUID().toString().substring(0, 8);

	final String gatewayId = "gw-" + tenant;

	private final KafkaProducer<String, String> producer;

	private final Topics topics;

	Requests(QueueLane lane) {
		topics = lane.topics();
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lane.bootstrap(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(),
				new StringSerializer());
	}

	/**
	 * call_service light.turn_on on {@code entity} with brightness {@code sequence}: the
	 * call log shows both.
	 */
	RequestEnvelope turnOn(String entity, int sequence, Priority priority, Duration deadline) {
		return call("call_service",
				Map.of("domain", "light", "service", "turn_on", "entity_id", entity, "data",
						Map.of("brightness", sequence)),
				entity, priority, deadline, entity.replace('.', '-') + "-" + sequence);
	}

	RequestEnvelope readState(String entity, Priority priority, Duration deadline) {
		return call("get_entity_state", Map.of("entity_id", entity), entity, priority, deadline,
				UUID.randomUUID().toString());
	}

	private RequestEnvelope call(String tool, Map<String, Object> arguments, String entity, Priority priority,
			Duration deadline, String id) {
		long now = System.currentTimeMillis();
		return new RequestEnvelope("req-" + id, tenant, "s-" + tenant, QueueWorker.UPSTREAM, Methods.TOOLS_CALL, tool,
				BridgeJson.mapper().valueToTree(arguments), priority, now + deadline.toMillis(), gatewayId, entity,
				null, now);
	}

	/** Produces in order and waits until the broker has them all. */
	void send(List<RequestEnvelope> requests) {
		for (RequestEnvelope request : requests) {
			producer.send(new ProducerRecord<>(topics.requests(request.priority()), request.routingKey(),
					BridgeJson.mapper().writeValueAsString(request)));
		}
		producer.flush();
	}

	@Override
	public void close() {
		producer.close(Duration.ofSeconds(5));
	}

}
