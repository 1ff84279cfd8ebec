package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The running processes of one pool, each in exactly one state: idle, busy (running a call) or
 * checking (answering a health-check ping, so no call can get it). Idle ones are ordered by last
 * use: calls take the most recently used, so that surplus processes stay idle and time out. Not
 * thread-safe: the pool's lock guards it.
 */
final class PoolMembers {

	/** Front = most recently used. */
	private final Deque<PooledClient> idle = new ArrayDeque<>();

	private final Set<PooledClient> busy = new HashSet<>();

	private final Set<PooledClient> checking = new HashSet<>();

	int live() {
		return idle.size() + busy.size() + checking.size();
	}

	int idle() {
		return idle.size();
	}

	int busy() {
		return busy.size();
	}

	int checking() {
		return checking.size();
	}

	/** The most recently used idle process, now busy; null when none is idle. */
	PooledClient takeForCall() {
		PooledClient client = idle.pollFirst();
		if (client != null) {
			busy.add(client);
		}
		return client;
	}

	/** A new process, or one back from a call: first in line. */
	void addIdle(PooledClient client, long nowNanos) {
		client.markIdle(nowNanos);
		idle.addFirst(client);
	}

	/** @return false when the process was no longer busy (the pool stopped and took it) */
	boolean endCall(PooledClient client) {
		return busy.remove(client);
	}

	/** Idle processes whose process has exited; they are removed. */
	List<PooledClient> removeDeadIdle() {
		List<PooledClient> dead = new ArrayList<>();
		idle.removeIf(client -> !client.isAlive() && dead.add(client));
		return dead;
	}

	int expiredIdle(long nowNanos, Duration idleTimeout) {
		return (int) idle.stream().filter(client -> client.idleNanos(nowNanos) >= idleTimeout.toNanos()).count();
	}

	/** Removes up to {@code count} processes idle past the timeout, least recently used first. */
	List<PooledClient> takeExpired(int count, long nowNanos, Duration idleTimeout) {
		List<PooledClient> expired = new ArrayList<>();
		for (Iterator<PooledClient> it = idle.descendingIterator(); it.hasNext() && expired.size() < count;) {
			PooledClient client = it.next();
			if (client.idleNanos(nowNanos) >= idleTimeout.toNanos()) {
				it.remove();
				expired.add(client);
			}
		}
		return expired;
	}

	/** Moves the idle processes not seen healthy for {@code interval} to checking, and returns them. */
	List<PooledClient> startChecks(long nowNanos, Duration interval) {
		List<PooledClient> due = new ArrayList<>();
		for (Iterator<PooledClient> it = idle.iterator(); it.hasNext();) {
			PooledClient client = it.next();
			if (client.dueForHealthCheck(nowNanos, interval)) {
				it.remove();
				checking.add(client);
				due.add(client);
			}
		}
		return due;
	}

	/** A process back from a call that must pass a check before it serves another. */
	void addChecking(PooledClient client) {
		checking.add(client);
	}

	/** @return false when the process was no longer being checked (the pool stopped and took it) */
	boolean endCheck(PooledClient client) {
		return checking.remove(client);
	}

	/**
	 * A process that passed its check goes back at the end of the line: being checked is not being
	 * used, so it keeps its turn to time out.
	 */
	void addCheckedIdle(PooledClient client, long nowNanos) {
		client.markHealthy(nowNanos);
		idle.addLast(client);
	}

	List<Long> pids() {
		return Stream.of(idle, busy, checking).flatMap(clients -> clients.stream()).map(PooledClient::pid).sorted()
			.toList();
	}

	List<Long> busyPids() {
		return busy.stream().map(PooledClient::pid).sorted().toList();
	}

	/** Every process, removed. */
	List<PooledClient> removeAll() {
		List<PooledClient> all = new ArrayList<>(idle);
		all.addAll(busy);
		all.addAll(checking);
		idle.clear();
		busy.clear();
		checking.clear();
		return all;
	}
}
