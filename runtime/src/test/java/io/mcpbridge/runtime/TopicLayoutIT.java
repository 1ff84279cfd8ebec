package io.mcpbridge.runtime;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up topic check against a real broker (the test JVM's shared one: the topics
 * are this class's own).
 */
@ExtendWith(SharedBroker.class)
class TopicLayoutIT {

	private static Admin admin;

	@BeforeAll
	static void connect(TestBroker kafka) {
		admin = ProbeAdmin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
				"topic-layout-test");
	}

	@AfterAll
	static void disconnect() {
		admin.close();
	}

	@Test
	void missingTopicsAreCreatedWithTheConfiguredCountAndASecondStartAcceptsThem() throws Exception {
		List<String> topics = List.of("layout.a.critical", "layout.a.bulk");
		TopicLayout layout = new TopicLayout(6, (short) 1, 10_000);

		assertThat(layout.ensure(admin, topics)).isTrue();
		assertThat(layout.ensure(admin, topics)).isTrue();

		Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
		assertThat(described.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(6));
	}

	@Test
	void anExistingTopicWithAnotherCountStopsTheStartNamingItAndIsLeftAsItWas() throws Exception {
		admin.createTopics(List.of(new NewTopic("layout.b.high", 12, (short) 1))).all().get();
		TopicLayout layout = new TopicLayout(24, (short) 1, 10_000);

		assertThatThrownBy(() -> layout.ensure(admin, List.of("layout.b.high", "layout.b.low")))
			.isInstanceOf(TopicLayout.TopicLayoutMismatchException.class)
			.hasMessageContaining("bridge.kafka.partitions is 24 but [layout.b.high has 12] partitions");

		assertThat(
				admin.describeTopics(Set.of("layout.b.high")).allTopicNames().get().get("layout.b.high").partitions())
			.as("never grown behind the operator's back")
			.hasSize(12);
	}

	@Test
	void anUnreachableBrokerIsNotAStartUpError() {
		try (Admin nowhere = ProbeAdmin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
				"topic-layout-nowhere")) {
			assertThat(new TopicLayout(24, (short) 1, 1_000).ensure(nowhere, List.of("layout.c"))).isFalse();
		}
	}

}
