package io.mcpbridge.gateway.submit;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.gateway.config.GatewayProperties;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
class SubmitConfig {

	/**
	 * Finishes requests whose wait ended without a reply (timeout: one Redis read). Kept
	 * off the shared timer thread of CompletableFuture, and bounded: at most one task per
	 * pending request.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService replyCompletionExecutor(GatewayProperties properties) {
		return new ThreadPoolExecutor(2, 8, 30, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.queue().maxPending()),
				new CustomizableThreadFactory("reply-completion-"), new ThreadPoolExecutor.CallerRunsPolicy());
	}

	/**
	 * The producer takes any record of the size {@link RecordLimit} allows: the body
	 * limit plus the envelope (Kafka's default, 1 MB, refused bodies just under the HTTP
	 * limit).
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer requestSizeFollowsBodyLimit(GatewayProperties properties) {
		return factory -> factory.updateConfigs(
				Map.<String, Object>of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimit.maxRequestSize(properties)));
	}

}
