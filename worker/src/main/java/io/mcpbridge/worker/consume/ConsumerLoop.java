package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mcpbridge.common.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer and its thread. It never runs a request: it polls, hands records to
 * the schedulers, commits each partition up to its lowest incomplete offset
 * ({@link OffsetTracker}), and pauses the partitions of a priority whose buffer is full
 * ({@link Backlog}). Polling often (every {@link #POLL}) keeps pauses current and the
 * consumer in its group. Positions are committed at most every {@link #COMMIT_INTERVAL}:
 * committing after every record cost an OffsetCommit request and an append to
 * {@code __consumer_offsets} per call; what a crash leaves uncommitted is redelivered and
 * answered from its stored result.
 *
 * <p>
 * When partitions are revoked (rebalance, shutdown), their buffered records are dropped
 * (the next owner gets them from the committed position), their running records get
 * {@code drainTimeout} to finish, then their position is committed. A running record of a
 * key thus normally ends before the key's next record starts elsewhere; when it does not,
 * the {@link ExecutionGuard} still keeps its request from running twice.
 */
final class ConsumerLoop implements Runnable, ConsumerRebalanceListener {

	static final Duration POLL = Duration.ofMillis(100);

	static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);

	private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

	private final Consumer<String, String> consumer;

	private final List<String> topics;

	private final RecordIntake intake;

	private final Collection<UpstreamScheduler> schedulers;

	private final Backlog backlog;

	private final Duration drainTimeout;

	private final OffsetTracker offsets = new OffsetTracker();

	private volatile boolean running = true;

	private long nextCommitNanos = System.nanoTime();

	ConsumerLoop(Consumer<String, String> consumer, List<String> topics, RecordIntake intake,
			Collection<UpstreamScheduler> schedulers, Backlog backlog, Duration drainTimeout) {
		this.consumer = consumer;
		this.topics = List.copyOf(topics);
		this.intake = intake;
		this.schedulers = schedulers;
		this.backlog = backlog;
		this.drainTimeout = drainTimeout;
	}

	@Override
	public void run() {
		try {
			consumer.subscribe(topics, this);
			while (running) {
				for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
					intake.accept(record, offsets);
				}
				commitWhenDue();
				pauseOrResume();
			}
		}
		catch (WakeupException stopping) {
			// stop() woke the consumer up.
		}
		catch (RuntimeException ex) {
			log.error("consumer loop failed; its partitions go to the other consumers of the group", ex);
		}
		finally {
			try {
				release(consumer.assignment());
			}
			finally {
				consumer.close();
			}
		}
	}

	/** Ends the loop; the thread then drains, commits and closes the consumer. */
	void stop() {
		running = false;
		consumer.wakeup();
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		release(partitions);
	}

	@Override
	public void onPartitionsLost(Collection<TopicPartition> partitions) {
		// Someone else owns them already: drop what waits, commit nothing.
		schedulers.forEach(scheduler -> scheduler.drop(partitions));
		offsets.forget(partitions);
	}

	@Override
	public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		log.info("assigned {}", partitions);
	}

	private void release(Collection<TopicPartition> partitions) {
		if (partitions.isEmpty()) {
			return;
		}
		Set<TopicPartition> revoked = Set.copyOf(partitions);
		schedulers.forEach(scheduler -> scheduler.drop(revoked));
		try {
			for (UpstreamScheduler scheduler : schedulers) {
				if (!scheduler.awaitIdle(revoked, drainTimeout)) {
					log.warn("requests of {} still running after {}; committing without them", revoked, drainTimeout);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			commit(offsets.toCommit(revoked), true);
		}
		catch (RuntimeException ex) {
			log.warn("could not commit {} while releasing them: {}", revoked, ex.toString());
		}
		offsets.forget(revoked);
	}

	private void commitWhenDue() {
		long now = System.nanoTime();
		if (now - nextCommitNanos >= 0) {
			commit(offsets.toCommit(), false);
			nextCommitNanos = now + COMMIT_INTERVAL.toNanos();
		}
	}

	private void commit(Map<TopicPartition, OffsetAndMetadata> positions, boolean sync) {
		if (positions.isEmpty()) {
			return;
		}
		if (sync) {
			consumer.commitSync(positions);
		}
		else {
			consumer.commitAsync(positions, (committed, failure) -> {
				if (failure != null) {
					// Harmless: a later commit covers it, and uncommitted records are
					// answered from their result.
					log.debug("commit of {} failed: {}", committed, failure.toString());
				}
			});
		}
	}

	private void pauseOrResume() {
		Set<TopicPartition> pause = new HashSet<>();
		for (TopicPartition partition : consumer.assignment()) {
			if (backlog.shouldPause(Topics.priorityOf(partition.topic()))) {
				pause.add(partition);
			}
		}
		Set<TopicPartition> paused = consumer.paused();
		Set<TopicPartition> resume = new HashSet<>(paused);
		resume.removeAll(pause);
		pause.removeAll(paused);
		if (!pause.isEmpty()) {
			consumer.pause(pause);
		}
		if (!resume.isEmpty()) {
			consumer.resume(resume);
		}
	}

}
