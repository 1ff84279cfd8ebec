package io.mcpbridge.worker.config;

import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.common.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the request topics and the dead-letter topic (Boot's KafkaAdmin creates missing ones at
 * start-up). Every request topic gets the same partition count: the co-partitioned assignment
 * relies on partition i of every priority topic going to the same consumer.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

	@Bean
	KafkaAdmin.NewTopics requestTopics(WorkerProperties properties) {
		WorkerProperties.Kafka kafka = properties.kafka();
		List<NewTopic> topics = new ArrayList<>();
		for (String name : Topics.allRequestTopics()) {
			topics.add(topic(name, kafka));
		}
		topics.add(topic(Topics.DEAD_LETTERS, kafka));
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	private static NewTopic topic(String name, WorkerProperties.Kafka kafka) {
		return TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replicationFactor()).build();
	}
}
