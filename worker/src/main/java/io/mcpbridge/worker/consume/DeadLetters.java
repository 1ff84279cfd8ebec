package io.mcpbridge.worker.consume;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mcpbridge.common.KafkaHeaders;
import io.mcpbridge.common.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.KafkaException;
import org.springframework.stereotype.Component;

/**
 * Moves records the worker cannot process to {@link Topics#deadLetters()}, with the
 * reason in a header.
 */
@Component
class DeadLetters {

	/**
	 * Why a record is dead; the label is the metric tag and the start of the reason
	 * header.
	 */
	enum Reason {

		UNDECODABLE, UNKNOWN_UPSTREAM, RETRIES_EXHAUSTED;

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	static final String COUNTER = "mcp.worker.dead.letters";

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	/**
	 * Reasons quote exception messages, which may quote the payload: keep the header
	 * small.
	 */
	private static final int MAX_DETAIL = 500;

	private static final long SEND_TIMEOUT_SECONDS = 10;

	private final KafkaTemplate<String, String> kafka;

	private final MeterRegistry meters;

	private final String topic;

	DeadLetters(KafkaTemplate<String, String> kafka, MeterRegistry meters, Topics topics) {
		this.kafka = kafka;
		this.meters = meters;
		this.topic = topics.deadLetters();
	}

	/**
	 * Sends synchronously: if the dead letter cannot be written, the exception leaves the
	 * record's offset uncommitted, so it is redelivered instead of lost.
	 */
	void send(ConsumerRecord<String, String> record, Reason reason, String detail) {
		ProducerRecord<String, String> dead = new ProducerRecord<>(topic, null, record.key(), record.value(),
				headers(record, reason, detail));
		try {
			kafka.send(dead).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("interrupted while writing a dead letter", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaException("could not write a dead letter", ex);
		}
		counted(reason);
		log.warn("dead letter from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
				reasonHeader(reason, detail));
	}

	static Headers headers(ConsumerRecord<?, ?> record, Reason reason, String detail) {
		Headers headers = new RecordHeaders();
		headers.add(KafkaHeaders.DLT_REASON, reasonHeader(reason, detail).getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	void counted(Reason reason) {
		meters.counter(COUNTER, "reason", reason.label()).increment();
	}

	/** An exception and its root cause, for the reason header. */
	static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root == failure ? failure.toString() : failure + " (caused by " + root + ")";
	}

	private static String reasonHeader(Reason reason, String detail) {
		String text = detail == null ? "" : detail.replaceAll("\\s+", " ");
		text = text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
		return reason.label() + ": " + text;
	}

}
