package io.mcpbridge.testbroker;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** spring-kafka-test's KRaft broker (combined broker and controller) in the test JVM. */
final class EmbeddedBroker implements TestBroker {

	private final EmbeddedKafkaKraftBroker broker;

	private EmbeddedBroker(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
	}

	static EmbeddedBroker start(int partitions) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
		broker.afterPropertiesSet();
		return new EmbeddedBroker(broker);
	}

	@Override
	public String bootstrapServers() {
		return broker.getBrokersAsString();
	}

	@Override
	public String description() {
		return "embedded KRaft broker in the test JVM (spring-kafka-test) at " + bootstrapServers();
	}

	@Override
	public void close() {
		broker.destroy();
	}

}
