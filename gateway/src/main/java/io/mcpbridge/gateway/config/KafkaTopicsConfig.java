package io.mcpbridge.gateway.config;

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
 * creates the request topics at start-up with {@code bridge.kafka.partitions} partitions,
 * so that a gateway never produces to a topic the broker would auto-create with another
 * count (which would break co-partitioning), and stops the start-up when they exist with
 * another count.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

	@Bean
	Topics topics(GatewayProperties properties) {
		return Topics.of(Namespace.of(properties.namespace()));
	}

	@Bean
	SmartInitializingSingleton requestTopicLayout(GatewayProperties properties, Topics topics,
			@Qualifier(ProbeAdminConfig.PROBE_ADMIN) Admin admin) {
		var kafka = properties.kafka();
		TopicLayout layout = new TopicLayout(kafka.partitions(), kafka.replicationFactor(),
				ProbeAdminConfig.PROBE_TIMEOUT_MS);
		return () -> layout.ensure(admin, topics.allRequestTopics());
	}

}
