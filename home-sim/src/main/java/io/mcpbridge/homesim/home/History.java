package io.mcpbridge.homesim.home;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every snapshot an entity went through in this process, oldest first. Bounded per entity
 * so a long load test cannot exhaust memory: past the limit the oldest snapshots (the
 * initial one first) are dropped. Not thread-safe: {@link Home} serializes access.
 */
final class History {

	static final int MAX_PER_ENTITY = 10_000;

	private final Map<String, Deque<EntityState>> byEntity = new HashMap<>();

	void record(EntityState snapshot) {
		Deque<EntityState> snapshots = this.byEntity.computeIfAbsent(snapshot.entityId(), id -> new ArrayDeque<>());
		if (snapshots.size() == MAX_PER_ENTITY) {
			snapshots.removeFirst();
		}
		snapshots.addLast(snapshot);
	}

	/** Snapshots with start <= last_changed <= end; a null bound is open. */
	List<EntityState> between(String entityId, Instant start, Instant end) {
		return this.byEntity.getOrDefault(entityId, new ArrayDeque<>())
			.stream()
			.filter(s -> start == null || !s.lastChanged().isBefore(start))
			.filter(s -> end == null || !s.lastChanged().isAfter(end))
			.toList();
	}

}
