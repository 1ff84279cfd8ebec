package io.mcpbridge.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.KafkaHeaders;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker whose Redis is unreachable: the reply cannot be stored, so the record is
 * retried a bounded number of times and then parked on the dead-letter topic instead of
 * blocking its partition.
 */
@ExtendWith(SharedBroker.class)
class RedisDownIntegrationIT {

	private static final String NAMESPACE = SharedBroker.namespaceFor(RedisDownIntegrationIT.class);

	@TempDir
	static Path tmp;

	private static TestBroker kafka;

	private static ConfigurableApplicationContext worker;

	@BeforeAll
	static void startWorkerWithoutRedis(TestBroker broker) throws IOException {
		kafka = broker;
		worker = RunningWorker.start(kafka, NAMESPACE, closedPort(), tmp.resolve("calls.jsonl"));
	}

	@AfterAll
	static void stop() {
		RunningWorker.stop(worker);
	}

	@Test
	void aReplyThatCannotBeStoredIsRetriedThenDeadLetteredWithTheReason() throws Exception {
		long now = System.currentTimeMillis();
		RequestEnvelope request = new RequestEnvelope("req-" + UUID.randomUUID(), "t-redis-down", "s-1",
				RunningWorker.UPSTREAM, Methods.TOOLS_CALL, "get_entity_state",
				BridgeJson.mapper().valueToTree(Map.of("entity_id", "light.kitchen")), Priority.CRITICAL, now + 60_000,
				"gw-redis-down", null, null, now);
		String value = BridgeJson.mapper().writeValueAsString(request);

		@SuppressWarnings("unchecked")
		KafkaTemplate<String, String> template = worker.getBean(KafkaTemplate.class);
		Topics topics = RunningWorker.topics(worker);
		template.send(topics.requests(Priority.CRITICAL), request.routingKey(), value).get();

		DeadLetter dead = DeadLetter.awaitValue(kafka, topics, value);
		assertThat(dead.header(KafkaHeaders.DLT_REASON)).startsWith("retries_exhausted: ")
			.containsIgnoringCase("redis");
		assertThat(dead.header(KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topics.requests(Priority.CRITICAL));
	}

	/** A port nothing listens on (bound, then released). */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
