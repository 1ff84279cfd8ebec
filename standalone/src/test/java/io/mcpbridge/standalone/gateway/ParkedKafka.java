package io.mcpbridge.standalone.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mcpbridge.common.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A second, real Kafka broker that no worker consumes: a gateway producing to it leaves
 * its requests in flight for as long as a test wants, until the test forwards a record to
 * the stack's broker, where the worker executes it and replies to that gateway. Also
 * reads request records back, to count how often a request id was produced.
 */
final class ParkedKafka implements AutoCloseable {

	/** The shared stack's partition count (SharedStack), kept by every extra gateway. */
	static final int PARTITIONS = 4;

	private final EmbeddedKafkaKraftBroker broker;

	ParkedKafka() {
		this.broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
		this.broker.afterPropertiesSet();
	}

	String bootstrap() {
		return broker.getBrokersAsString();
	}

	/**
	 * Copies the parked record of a request to another broker (same topic, key and
	 * value).
	 */
	void forward(String requestId, String targetBootstrap) {
		ConsumerRecord<String, String> record = requestRecords(bootstrap(), requestId).stream()
			.findFirst()
			.orElseThrow(() -> new AssertionError("no parked record for " + requestId));
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, targetBootstrap,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
		}
		catch (Exception failure) {
			throw new IllegalStateException("could not forward " + requestId, failure);
		}
	}

	/**
	 * Every record of the request topics of a broker that carries this request id, oldest
	 * first.
	 */
	static List<ConsumerRecord<String, String>> requestRecords(String bootstrap, String requestId) {
		return requestRecordsContaining(bootstrap, "\"request_id\":\"" + requestId + "\"");
	}

	/**
	 * Every record of the request topics of a broker whose value contains {@code needle},
	 * oldest first.
	 */
	static List<ConsumerRecord<String, String>> requestRecordsContaining(String bootstrap, String needle) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, String>> found = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : Topics.DEFAULT.allRequestTopics()) {
				Optional.ofNullable(consumer.partitionsFor(topic, Duration.ofSeconds(10)))
					.ifPresent(infos -> infos
						.forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long giveUp = System.currentTimeMillis() + 20_000;
			while (!caughtUp(consumer, end) && System.currentTimeMillis() < giveUp) {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					if (record.value() != null && record.value().contains(needle)) {
						found.add(record);
					}
				});
			}
		}
		return found;
	}

	private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
	}

	@Override
	public void close() {
		broker.destroy();
	}

}
