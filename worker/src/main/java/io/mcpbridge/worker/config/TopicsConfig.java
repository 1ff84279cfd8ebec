package io.mcpbridge.worker.config;

import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.common.Namespace;
import io.mcpbridge.common.Topics;
import io.mcpbridge.runtime.TopicLayout;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The names of the topics of this deployment's namespace ({@code bridge.namespace}), and
 * creates the request topics and the dead-letter topic at start-up, before the consumers
 * start, and stops the start-up when they exist with another partition count. Every
 * request topic gets the same count: the co-partitioned assignment relies on partition i
 * of every priority topic going to the same consumer.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

	@Bean
	Topics topics(WorkerProperties properties) {
		return Topics.of(Namespace.of(properties.namespace()));
	}

	@Bean
	SmartInitializingSingleton requestTopicLayout(WorkerProperties properties, Topics topics,
			@Qualifier(ProbeAdminConfig.PROBE_ADMIN) Admin admin) {
		WorkerProperties.Kafka kafka = properties.kafka();
		TopicLayout layout = new TopicLayout(kafka.partitions(), kafka.replicationFactor(),
				ProbeAdminConfig.PROBE_TIMEOUT_MS);
		List<String> names = new ArrayList<>(topics.allRequestTopics());
		names.add(topics.deadLetters());
		return () -> layout.ensure(admin, names);
	}

}
