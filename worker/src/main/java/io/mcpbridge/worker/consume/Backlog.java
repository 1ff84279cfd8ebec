package io.mcpbridge.worker.consume;

import java.util.concurrent.atomic.AtomicIntegerArray;

import io.mcpbridge.common.Priority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How many records of each priority this worker holds in memory, polled but not yet
 * started, and whether that priority's partitions should be paused. Each priority has its
 * own bound, so a full BULK buffer pauses only the BULK partitions: CRITICAL records keep
 * being polled and overtake it. Pausing starts at the bound and ends at half of it
 * (hysteresis, so partitions do not flap). The buffer stays below 5 x (bound +
 * max.poll.records).
 */
final class Backlog {

	static final String GAUGE = "mcp.worker.buffered";

	private final AtomicIntegerArray buffered = new AtomicIntegerArray(Priority.values().length);

	private final boolean[] paused = new boolean[Priority.values().length];

	private final int bound;

	Backlog(int bound, MeterRegistry meters) {
		this.bound = bound;
		for (Priority priority : Priority.values()) {
			Gauge.builder(GAUGE, buffered, counts -> counts.get(priority.ordinal()))
				.description("Requests polled and waiting in the worker, not yet started")
				.tag("priority", priority.label())
				.register(meters);
		}
	}

	void added(Priority priority) {
		buffered.incrementAndGet(priority.ordinal());
	}

	void removed(Priority priority) {
		buffered.decrementAndGet(priority.ordinal());
	}

	int buffered(Priority priority) {
		return buffered.get(priority.ordinal());
	}

	/** Whether the partitions of {@code priority} should be paused now. */
	synchronized boolean shouldPause(Priority priority) {
		int count = buffered(priority);
		int level = priority.ordinal();
		if (count >= bound) {
			paused[level] = true;
		}
		else if (count <= bound / 2) {
			paused[level] = false;
		}
		return paused[level];
	}

}
