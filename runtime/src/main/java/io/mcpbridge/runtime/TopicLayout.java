package io.mcpbridge.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the request topics with the configured partition count, and refuses to start
 * against existing ones with another count. Co-partitioning needs every priority topic to
 * have the same count as {@code bridge.kafka.partitions}, and a key's partition depends
 * on the count: growing a topic silently (what Spring's KafkaAdmin does for a larger
 * NewTopic) would move entities between workers while their records are queued, and a
 * smaller count would cap the fleet below what it was sized for. A broker that does not
 * answer is not an error here: the apps start and report not-ready.
 */
public final class TopicLayout {

	/**
	 * The largest record the request topics take ({@code max.message.bytes}, set when
	 * they are created; the broker's default is about 1 MB). Above any body limit the
	 * gateway is likely to be given: the gateway refuses a request whose record would be
	 * larger (413) before producing it, and sizes its producer's {@code max.request.size}
	 * on its body limit. Topics created before this setting keep theirs (see the README,
	 * "Limits and hostile input").
	 */
	public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(TopicLayout.class);

	private final int partitions;

	private final short replicationFactor;

	private final long timeoutMs;

	public TopicLayout(int partitions, short replicationFactor, long timeoutMs) {
		this.partitions = partitions;
		this.replicationFactor = replicationFactor;
		this.timeoutMs = timeoutMs;
	}

	/**
	 * @throws TopicLayoutMismatchException when a topic exists with another partition
	 * count
	 * @return whether the broker answered (false: nothing was checked)
	 */
	public boolean ensure(Admin admin, Collection<String> topics) {
		try {
			Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
			List<NewTopic> missing = new ArrayList<>();
			for (String topic : topics) {
				if (!existing.contains(topic)) {
					missing.add(new NewTopic(topic, partitions, replicationFactor)
						.configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES))));
				}
			}
			create(admin, missing);
			check(describe(admin, topics));
			return true;
		}
		catch (TimeoutException | ExecutionException unreachable) {
			log.warn("could not check the request topics (Kafka unreachable: {}); they will be created with the "
					+ "broker's defaults if a producer reaches it first", unreachable.toString());
			return false;
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void create(Admin admin, List<NewTopic> missing)
			throws InterruptedException, TimeoutException, ExecutionException {
		if (missing.isEmpty()) {
			return;
		}
		var results = admin.createTopics(missing).values();
		for (var result : results.entrySet()) {
			try {
				result.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
				log.info("created {} with {} partitions", result.getKey(), partitions);
			}
			catch (ExecutionException raced) {
				// Another replica created it meanwhile: fine, the check below compares
				// counts.
				if (!(raced.getCause() instanceof TopicExistsException)) {
					throw raced;
				}
			}
		}
	}

	/**
	 * Topics just created may take a moment to show in the metadata: retried within the
	 * timeout.
	 */
	private Map<String, TopicDescription> describe(Admin admin, Collection<String> topics)
			throws InterruptedException, TimeoutException, ExecutionException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
		while (true) {
			try {
				return admin.describeTopics(topics).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException notYet) {
				if (!(notYet.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
					throw notYet;
				}
				TimeUnit.MILLISECONDS.sleep(100);
			}
		}
	}

	private void check(Map<String, TopicDescription> described) {
		List<String> wrong = described.values()
			.stream()
			.filter(topic -> topic.partitions().size() != partitions)
			.map(topic -> topic.name() + " has " + topic.partitions().size())
			.sorted()
			.toList();
		if (!wrong.isEmpty()) {
			throw new TopicLayoutMismatchException("bridge.kafka.partitions is " + partitions + " but " + wrong
					+ " partitions. Every request topic must have exactly bridge.kafka.partitions partitions "
					+ "(co-partitioning): set bridge.kafka.partitions to the topics' count, or recreate the topics "
					+ "when no request is queued (see docs/operations.md, \"Changing the partition count\").");
		}
	}

	/** The request topics exist with a partition count other than the configured one. */
	public static final class TopicLayoutMismatchException extends IllegalStateException {

		TopicLayoutMismatchException(String message) {
			super(message);
		}

	}

}
