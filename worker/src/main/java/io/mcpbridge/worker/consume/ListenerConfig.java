package io.mcpbridge.worker.consume;

import io.mcpbridge.common.Topics;
import io.mcpbridge.worker.config.WorkerProperties;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Listener container settings. Boot's auto-configured factory picks up both beans.
 *
 * <p>
 * The listener only throws when the reply or a dead letter could not be written (Redis or Kafka
 * down). Such a record is retried a few times, one second apart, then parked on the dead-letter
 * topic, so one bad record never blocks its partition for long.
 */
@Configuration(proxyBeanMethods = false)
class ListenerConfig {

	private static final Logger log = LoggerFactory.getLogger(ListenerConfig.class);

	static final long RETRY_INTERVAL_MS = 1000;

	static final long RETRY_ATTEMPTS = 3;

	@Bean
	CommonErrorHandler retryThenDeadLetter(KafkaOperations<Object, Object> kafka, DeadLetters deadLetters) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(Topics.DEAD_LETTERS, -1));
		recoverer.setHeadersFunction((record, ex) -> {
			String reason = describe(ex);
			log.error("record {}-{}@{} still failing after {} retries, moving it to {}: {}", record.topic(),
					record.partition(), record.offset(), RETRY_ATTEMPTS, Topics.DEAD_LETTERS, reason);
			deadLetters.counted(DeadLetters.Reason.RETRIES_EXHAUSTED);
			return DeadLetters.headers(record, DeadLetters.Reason.RETRIES_EXHAUSTED, reason);
		});
		return new DefaultErrorHandler(recoverer, new FixedBackOff(RETRY_INTERVAL_MS, RETRY_ATTEMPTS));
	}

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> listenerConcurrency(
			WorkerProperties properties) {
		return container -> container.setConcurrency(properties.kafka().concurrency());
	}

	/** The listener's own exception (not spring-kafka's wrapper) and its root cause, for the reason header. */
	static String describe(Throwable ex) {
		Throwable failure = ex instanceof ListenerExecutionFailedException && ex.getCause() != null ? ex.getCause() : ex;
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root == failure ? failure.toString() : failure + " (caused by " + root + ")";
	}
}
