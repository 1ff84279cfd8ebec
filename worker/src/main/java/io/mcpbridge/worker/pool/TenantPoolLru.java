package io.mcpbridge.worker.pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The bookkeeping of tenant pools under a process budget, without processes, threads or
 * clocks (the caller passes the time and holds the lock), so that the policy is unit
 * tested alone.
 * <ul>
 * <li>Each pool reserves a fixed number of processes of the {@code capacity} while it
 * exists, and until it has stopped after leaving.</li>
 * <li>A claim for a key whose pool exists with the same environment uses it; with another
 * environment (credentials changed) the old pool leaves and a new one is made.</li>
 * <li>A new pool that does not fit makes the least recently used pools without users
 * leave, only if that makes room: otherwise nothing is stopped. Until the pools that left
 * have stopped (or a user leaves), the claim is refused: the caller waits and claims
 * again, and the processes already stopping count as coming free, so a second claim stops
 * no more pools.</li>
 * </ul>
 *
 * @param <P> the pool
 */
final class TenantPoolLru<P> {

	/** A tenant's processes of one upstream. */
	record Key(String tenant, String upstream) {
	}

	/** One pool, with the environment it was made for and how many calls use it. */
	static final class Slot<P> {

		private final Key key;

		private final P pool;

		private final Map<String, String> env;

		private final int processes;

		private int users;

		private long lastUsedNanos;

		private Slot(Key key, P pool, Map<String, String> env, int processes) {
			this.key = key;
			this.pool = pool;
			this.env = env;
			this.processes = processes;
		}

		Key key() {
			return key;
		}

		P pool() {
			return pool;
		}

	}

	/**
	 * The answer to a claim.
	 *
	 * @param slot the pool to run on (counted as used until {@link #release}); null when
	 * there is no room now
	 * @param created whether the pool was made by this claim (the caller starts it)
	 * @param leaving pools that left: the caller stops each and then calls
	 * {@link #stopped}
	 */
	record Claim<P>(Slot<P> slot, boolean created, List<Slot<P>> leaving) {
	}

	private final int capacity;

	/** In access order: the first entry is the least recently used. */
	private final LinkedHashMap<Key, Slot<P>> slots = new LinkedHashMap<>(16, 0.75f, true);

	/** Processes of pools that left and are still stopping. */
	private int stopping;

	private long evictions;

	TenantPoolLru(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * A pool for {@code key} with this environment, made with {@code newPool} if needed.
	 * @param processes what a new pool reserves
	 */
	Claim<P> claim(Key key, Map<String, String> env, int processes, long nowNanos, Supplier<P> newPool) {
		List<Slot<P>> leaving = new ArrayList<>();
		Slot<P> existing = slots.get(key);
		if (existing != null && existing.env.equals(env)) {
			return new Claim<>(use(existing, nowNanos), false, leaving);
		}
		if (existing != null) {
			leave(existing, leaving);
		}
		if (room() < processes) {
			makeRoom(processes, leaving);
		}
		if (room() < processes) {
			return new Claim<>(null, false, leaving);
		}
		Slot<P> slot = new Slot<>(key, newPool.get(), Map.copyOf(env), processes);
		slots.put(key, slot);
		return new Claim<>(use(slot, nowNanos), true, leaving);
	}

	/** A call that claimed {@code slot} is done with it. */
	void release(Slot<P> slot, long nowNanos) {
		slot.users--;
		slot.lastUsedNanos = nowNanos;
	}

	/** A pool that left has stopped: its processes are free again. */
	void stopped(Slot<P> slot) {
		stopping -= slot.processes;
	}

	/**
	 * Makes the pools without users, unused for longer than their upstream's idle time,
	 * leave.
	 */
	List<Slot<P>> expire(long nowNanos, ToLongFunction<String> idleNanosOfUpstream) {
		List<Slot<P>> leaving = new ArrayList<>();
		for (Iterator<Slot<P>> it = slots.values().iterator(); it.hasNext();) {
			Slot<P> slot = it.next();
			if (slot.users == 0 && nowNanos - slot.lastUsedNanos > idleNanosOfUpstream.applyAsLong(slot.key.upstream)) {
				it.remove();
				stopping += slot.processes;
				leaving.add(slot);
			}
		}
		return leaving;
	}

	/** Makes every pool leave (shutdown). */
	List<Slot<P>> clear() {
		List<Slot<P>> leaving = new ArrayList<>(slots.values());
		leaving.forEach(slot -> stopping += slot.processes);
		slots.clear();
		return leaving;
	}

	/** Processes not reserved by a pool, nor by one still stopping. */
	int room() {
		return capacity - reserved();
	}

	int reserved() {
		return held() + stopping;
	}

	int pools() {
		return slots.size();
	}

	/** Pools with at least one call using them. */
	int busyPools() {
		return (int) slots.values().stream().filter(slot -> slot.users > 0).count();
	}

	/** Pools made to leave so that another could start. */
	long evictions() {
		return evictions;
	}

	int capacity() {
		return capacity;
	}

	private Slot<P> use(Slot<P> slot, long nowNanos) {
		slot.users++;
		slot.lastUsedNanos = nowNanos;
		return slot;
	}

	/**
	 * Evicts least recently used pools without users until {@code processes} fit once
	 * every stop has ended, if evicting all of them would make them fit; otherwise evicts
	 * none. Processes already stopping count as coming free: a claim that waits for them
	 * evicts nothing more.
	 */
	private void makeRoom(int processes, List<Slot<P>> leaving) {
		int evictable = 0;
		for (Slot<P> slot : slots.values()) {
			if (slot.users == 0) {
				evictable += slot.processes;
			}
		}
		if (capacity - held() >= processes || capacity - held() + evictable < processes) {
			return;
		}
		for (Iterator<Slot<P>> it = slots.values().iterator(); it.hasNext() && capacity - held() < processes;) {
			Slot<P> slot = it.next();
			if (slot.users == 0) {
				it.remove();
				stopping += slot.processes;
				evictions++;
				leaving.add(slot);
			}
		}
	}

	/** Processes reserved by the pools in the table (not those stopping). */
	private int held() {
		int held = 0;
		for (Slot<P> slot : slots.values()) {
			held += slot.processes;
		}
		return held;
	}

	private void leave(Slot<P> slot, List<Slot<P>> leaving) {
		slots.remove(slot.key);
		stopping += slot.processes;
		leaving.add(slot);
	}

}
