package io.mcpbridge.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.mcpbridge.common.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.mcpbridge.testbroker.TestBroker;

import static org.awaitility.Awaitility.await;

/** A record read back from the dead-letter topic. */
record DeadLetter(ConsumerRecord<String, String> record) {

	/**
	 * Reads the dead-letter topic of the worker's namespace from the start (fresh group)
	 * until a record with {@code value} shows up.
	 */
	static DeadLetter awaitValue(TestBroker kafka, Topics topics, String value) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topics.deadLetters()));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (value.equals(record.value())) {
						found.set(record);
					}
				}
				return found.get() != null;
			});
		}
		return new DeadLetter(found.get());
	}

	String header(String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}
}
