package io.mcpbridge.gateway.config;

import io.mcpbridge.common.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the request topics so that a gateway never produces to a topic the broker would
 * auto-create with another partition count (which would break co-partitioning).
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

	@Bean
	KafkaAdmin.NewTopics requestTopics(GatewayProperties properties) {
		var kafka = properties.kafka();
		NewTopic[] topics = Topics.allRequestTopics()
			.stream()
			.map(name -> TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replicationFactor()).build())
			.toArray(NewTopic[]::new);
		return new KafkaAdmin.NewTopics(topics);
	}
}
