package io.mcpbridge.testbroker;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The official {@code apache/kafka} image in a container (KRaft, one node). */
final class ContainerBroker implements TestBroker {

	private final KafkaContainer container;

	private final String image;

	private ContainerBroker(KafkaContainer container, String image) {
		this.container = container;
		this.image = image;
	}

	static ContainerBroker start(String image, int partitions) {
		KafkaContainer container = new KafkaContainer(DockerImageName.parse(image))
			// The image turns KAFKA_* variables into server properties.
			.withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(partitions))
			.withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
		container.start();
		return new ContainerBroker(container, image);
	}

	@Override
	public String bootstrapServers() {
		return container.getBootstrapServers();
	}

	@Override
	public String description() {
		return "container " + image + " (Testcontainers) at " + bootstrapServers();
	}

	@Override
	public void close() {
		container.stop();
	}

}
