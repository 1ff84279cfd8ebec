package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.mcpbridge.common.Priority;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides which buffered request of one upstream starts next; the poll threads only hand
 * records in. This in-worker scheduler is the priority mechanism (partitions are paused
 * only to bound the buffer, see {@link Backlog}). It guarantees, for the records this
 * worker owns:
 * <ul>
 * <li>key order: at most one record per routing key in flight (keys compared by value); a
 * key's records of one priority start in offset order (one key lives in one partition of
 * each topic); a key's higher-priority record starts before its lower-priority ones;</li>
 * <li>parallelism: different keys run concurrently, at most {@code slots} at a time (the
 * largest size of the upstream's pool: a started record that finds no idle process waits
 * in the pool, which starts one more process for it);</li>
 * <li>strict priority: a record starts only when no higher-priority record is ready
 * (buffered with its key idle); among ready keys of one level, the one that became ready
 * first goes first;</li>
 * <li>no starvation: a level with a ready record that was passed over
 * {@code starvationBound} times gets the next start. Sustained CRITICAL load therefore
 * slows BULK to 1 / (bound + 1) of the starts but never stops it.</li>
 * </ul>
 * A record is not checked here: its deadline is checked by the processor when it starts.
 */
final class UpstreamScheduler {

	private static final Priority[] LEVELS = Priority.values();

	/** One key's buffered records by priority, and whether one of them runs. */
	private static final class Lane {

		final EnumMap<Priority, ArrayDeque<Work>> queues = new EnumMap<>(Priority.class);

		boolean busy;

		ArrayDeque<Work> queue(Priority priority) {
			return queues.computeIfAbsent(priority, any -> new ArrayDeque<>());
		}

		boolean isEmpty() {
			return queues.values().stream().allMatch(ArrayDeque::isEmpty);
		}

	}

	private final int slots;

	private final int starvationBound;

	private final Executor executor;

	private final Consumer<Work> processor;

	private final Backlog backlog;

	private final Map<String, Lane> lanes = new HashMap<>();

	/**
	 * Per level, the idle keys with a buffered record of that level, in the order they
	 * became ready.
	 */
	private final EnumMap<Priority, LinkedHashSet<String>> ready = new EnumMap<>(Priority.class);

	private final int[] passedOver = new int[LEVELS.length];

	private final Set<Work> running = new HashSet<>();

	UpstreamScheduler(int slots, int starvationBound, Executor executor, Consumer<Work> processor, Backlog backlog) {
		this.slots = slots;
		this.starvationBound = starvationBound;
		this.executor = executor;
		this.processor = processor;
		this.backlog = backlog;
		for (Priority level : LEVELS) {
			ready.put(level, new LinkedHashSet<>());
		}
	}

	void submit(Work work) {
		synchronized (this) {
			Lane lane = lanes.computeIfAbsent(work.key(), any -> new Lane());
			lane.queue(work.priority()).add(work);
			if (!lane.busy) {
				ready.get(work.priority()).add(work.key());
			}
			backlog.added(work.priority());
		}
		dispatch();
	}

	/**
	 * Drops the buffered (not started) records of {@code revoked}: their offsets stay
	 * uncommitted, so the partition's next owner gets them. Records already running go
	 * on.
	 */
	synchronized int drop(Collection<TopicPartition> revoked) {
		int dropped = 0;
		for (Iterator<Map.Entry<String, Lane>> lanesLeft = lanes.entrySet().iterator(); lanesLeft.hasNext();) {
			Map.Entry<String, Lane> entry = lanesLeft.next();
			for (Map.Entry<Priority, ArrayDeque<Work>> queue : entry.getValue().queues.entrySet()) {
				int before = queue.getValue().size();
				queue.getValue().removeIf(work -> revoked.contains(work.partition()));
				for (int i = queue.getValue().size(); i < before; i++) {
					backlog.removed(queue.getKey());
					dropped++;
				}
				if (queue.getValue().isEmpty()) {
					ready.get(queue.getKey()).remove(entry.getKey());
				}
			}
			if (!entry.getValue().busy && entry.getValue().isEmpty()) {
				lanesLeft.remove();
			}
		}
		return dropped;
	}

	/**
	 * Waits until no record of {@code partitions} runs any more, at most {@code timeout}.
	 */
	synchronized boolean awaitIdle(Collection<TopicPartition> partitions, Duration timeout)
			throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (running.stream().anyMatch(work -> partitions.contains(work.partition()))) {
			long left = end - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return true;
	}

	private void dispatch() {
		List<Work> starting = new ArrayList<>();
		synchronized (this) {
			while (running.size() < slots) {
				Work next = next();
				if (next == null) {
					break;
				}
				running.add(next);
				starting.add(next);
			}
		}
		starting.forEach(work -> executor.execute(() -> run(work)));
	}

	private void run(Work work) {
		try {
			processor.accept(work);
		}
		finally {
			finished(work);
			dispatch();
		}
	}

	private synchronized void finished(Work work) {
		running.remove(work);
		Lane lane = lanes.get(work.key());
		if (lane != null) {
			lane.busy = false;
			lane.queues.forEach((level, queue) -> {
				if (!queue.isEmpty()) {
					ready.get(level).add(work.key());
				}
			});
			if (lane.isEmpty()) {
				lanes.remove(work.key());
			}
		}
		notifyAll();
	}

	/**
	 * Takes the next record to start and marks its key busy; null when nothing is ready.
	 */
	private Work next() {
		Priority chosen = null;
		for (Priority level : LEVELS) {
			if (!ready.get(level).isEmpty() && passedOver[level.ordinal()] >= starvationBound) {
				chosen = level;
				break;
			}
		}
		for (int i = 0; chosen == null && i < LEVELS.length; i++) {
			chosen = ready.get(LEVELS[i]).isEmpty() ? null : LEVELS[i];
		}
		if (chosen == null) {
			return null;
		}
		for (Priority level : LEVELS) {
			if (level.compareTo(chosen) > 0 && !ready.get(level).isEmpty()) {
				passedOver[level.ordinal()]++;
			}
		}
		passedOver[chosen.ordinal()] = 0;
		String key = ready.get(chosen).iterator().next();
		Lane lane = lanes.get(key);
		Work work = lane.queue(chosen).poll();
		lane.busy = true;
		ready.values().forEach(keys -> keys.remove(key));
		backlog.removed(chosen);
		return work;
	}

}
