package io.mcpbridge.testbroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * A real Kafka broker for one integration test class: the official {@code apache/kafka}
 * image through Testcontainers where a Docker engine answers, else spring-kafka-test's
 * KRaft broker inside the test JVM. Both are the same Kafka; the container is the one a
 * deployment runs, the embedded one needs nothing but the JDK. Each start prints which
 * one the tests got, so a report says what they ran against.
 * <p>
 * {@code -Dtest.broker=embedded} or {@code =container} forces one (container fails
 * without Docker rather than falling back); {@code -Dtest.kafka.image} names another
 * image.
 */
public interface TestBroker extends AutoCloseable {

	/** The image the container broker runs: the Kafka release of the project's client. */
	String DEFAULT_IMAGE = "apache/kafka:4.1.2";

	/** {@code host:port} for {@code bootstrap.servers}. */
	String bootstrapServers();

	/** Which broker this is, for the test output. */
	String description();

	@Override
	void close();

	/**
	 * A started broker whose auto-created topics have {@code partitions} partitions.
	 */
	static TestBroker start(int partitions) {
		String choice = System.getProperty("test.broker", "auto").toLowerCase(Locale.ROOT);
		boolean container = switch (choice) {
			case "container" -> true;
			case "embedded" -> false;
			case "auto" -> DockerCheck.engineAnswers();
			default ->
				throw new IllegalArgumentException("-Dtest.broker must be auto, container or embedded; got " + choice);
		};
		TestBroker broker = container
				? ContainerBroker.start(System.getProperty("test.kafka.image", DEFAULT_IMAGE), partitions)
				: EmbeddedBroker.start(partitions);
		LoggerFactory.getLogger(TestBroker.class).info("Kafka for the tests: {}", broker.description());
		System.out.println("[test-broker] Kafka for the tests: " + broker.description());
		return broker;
	}

	/** Asked once per JVM: Testcontainers probes the engine's socket. */
	final class DockerCheck {

		private static final Logger log = LoggerFactory.getLogger(DockerCheck.class);

		private static volatile Boolean answers;

		private DockerCheck() {
		}

		static boolean engineAnswers() {
			if (answers == null) {
				boolean found;
				try {
					// Without a socket or DOCKER_HOST there is nothing to ask: skip
					// Testcontainers' probe (seconds, and an ERROR line in every report).
					found = (System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock")))
							&& DockerClientFactory.instance().isDockerAvailable();
				}
				catch (RuntimeException | LinkageError unavailable) {
					found = false;
				}
				if (!found) {
					log.info("no Docker engine answers: the integration tests use the embedded KRaft broker");
				}
				answers = found;
			}
			return answers;
		}

	}

}
