package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The running processes of one pool. A process either serves calls (idle when none is in
 * flight, busy while one or more are, up to {@code perProcess} at once) or is being
 * checked (answering a health-check ping: no new call gets it, the calls already on it go
 * on). Serving ones are ordered by last use and calls take the most recently used one
 * that has room, so load packs onto few processes and surplus ones stay idle and time
 * out. A call that must run alone ({@code exclusive}) takes an idle process and keeps it
 * to itself until it ends. Not thread-safe: the pool's lock guards it, and the in-flight
 * counts of the processes.
 */
final class PoolMembers {

	private final int perProcess;

	/** Front = most recently used. */
	private final Deque<PooledClient> serving = new ArrayDeque<>();

	private final Set<PooledClient> checking = new HashSet<>();

	/**
	 * While a call that must run alone waits, one busy process takes no new calls, so
	 * that it drains and the waiting call gets it: under steady load no process would
	 * ever become idle otherwise.
	 */
	private PooledClient draining;

	PoolMembers(int perProcess) {
		this.perProcess = perProcess;
	}

	int live() {
		return serving.size() + checking.size();
	}

	int idle() {
		return (int) serving.stream().filter(client -> client.inFlight() == 0).count();
	}

	int busy() {
		return serving.size() - idle();
	}

	int checking() {
		return checking.size();
	}

	/** Calls running on every process, checked ones included. */
	int inFlight() {
		return Stream.concat(serving.stream(), checking.stream()).mapToInt(PooledClient::inFlight).sum();
	}

	/**
	 * The most recently used process with room for one more call (an idle one for an
	 * exclusive call), its in-flight count raised and moved to the front; null when none
	 * has room.
	 */
	PooledClient takeForCall(boolean exclusive) {
		for (Iterator<PooledClient> it = serving.iterator(); it.hasNext();) {
			PooledClient client = it.next();
			if (exclusive ? client.inFlight() == 0 : client != draining && client.hasRoom(perProcess)) {
				it.remove();
				serving.addFirst(client);
				client.callStarted(exclusive);
				if (client == draining) {
					draining = null;
				}
				return client;
			}
		}
		return null;
	}

	/**
	 * A call that must run alone found no idle process: the least loaded serving process
	 * takes no new calls until it is idle (or {@link #stopDraining()}). One at a time.
	 */
	void drainOneForExclusive() {
		if (draining != null && serving.contains(draining)) {
			return;
		}
		draining = serving.stream().min(Comparator.comparingInt(PooledClient::inFlight)).orElse(null);
	}

	/** No call that must run alone waits any more. */
	void stopDraining() {
		draining = null;
	}

	/** A new process: first in line. */
	void addIdle(PooledClient client, long nowNanos) {
		client.markIdle(nowNanos);
		serving.addFirst(client);
	}

	/**
	 * One call of the process ended; a process left with none is idle from now on.
	 * @return false when the process is no longer a member (stopped, replaced or retired
	 * meanwhile)
	 */
	boolean endCall(PooledClient client, long nowNanos) {
		if (!serving.contains(client) && !checking.contains(client)) {
			return false;
		}
		if (client.callEnded() == 0 && serving.contains(client)) {
			client.markIdle(nowNanos);
		}
		return true;
	}

	/** Takes the process out of the pool, whatever its state. */
	void remove(PooledClient client) {
		serving.remove(client);
		checking.remove(client);
	}

	/** Idle processes whose process has exited; they are removed. */
	List<PooledClient> removeDeadIdle() {
		List<PooledClient> dead = new ArrayList<>();
		serving.removeIf(client -> client.inFlight() == 0 && !client.isAlive() && dead.add(client));
		return dead;
	}

	int expiredIdle(long nowNanos, Duration idleTimeout) {
		return (int) serving.stream().filter(client -> isExpired(client, nowNanos, idleTimeout)).count();
	}

	/**
	 * Removes up to {@code count} processes idle past the timeout, least recently used
	 * first.
	 */
	List<PooledClient> takeExpired(int count, long nowNanos, Duration idleTimeout) {
		List<PooledClient> expired = new ArrayList<>();
		for (Iterator<PooledClient> it = serving.descendingIterator(); it.hasNext() && expired.size() < count;) {
			PooledClient client = it.next();
			if (isExpired(client, nowNanos, idleTimeout)) {
				it.remove();
				expired.add(client);
			}
		}
		return expired;
	}

	/**
	 * Moves the idle processes not seen healthy for {@code interval} to checking, and
	 * returns them. A busy process is not pinged: its answers show it alive.
	 */
	List<PooledClient> startChecks(long nowNanos, Duration interval) {
		List<PooledClient> due = new ArrayList<>();
		for (Iterator<PooledClient> it = serving.iterator(); it.hasNext();) {
			PooledClient client = it.next();
			if (client.inFlight() == 0 && client.dueForHealthCheck(nowNanos, interval)) {
				it.remove();
				checking.add(client);
				due.add(client);
			}
		}
		return due;
	}

	/**
	 * A process that must pass a check before it gets another call (a call of it got no
	 * answer); the calls still on it go on. False when it is not serving (already
	 * checked, or gone).
	 */
	boolean startCheck(PooledClient client) {
		if (!serving.remove(client)) {
			return false;
		}
		checking.add(client);
		return true;
	}

	/**
	 * @return false when the process was no longer being checked (the pool stopped and
	 * took it)
	 */
	boolean endCheck(PooledClient client) {
		return checking.remove(client);
	}

	/**
	 * A process that passed its check goes back at the end of the line: being checked is
	 * not being used, so it keeps its turn to time out.
	 */
	void addChecked(PooledClient client, long nowNanos) {
		client.markHealthy(nowNanos);
		serving.addLast(client);
	}

	List<Long> pids() {
		return Stream.concat(serving.stream(), checking.stream()).map(PooledClient::pid).sorted().toList();
	}

	List<Long> busyPids() {
		return serving.stream().filter(client -> client.inFlight() > 0).map(PooledClient::pid).sorted().toList();
	}

	/** Every process, removed. */
	List<PooledClient> removeAll() {
		List<PooledClient> all = new ArrayList<>(serving);
		all.addAll(checking);
		serving.clear();
		checking.clear();
		return all;
	}

	private static boolean isExpired(PooledClient client, long nowNanos, Duration idleTimeout) {
		return client.inFlight() == 0 && client.idleNanos(nowNanos) >= idleTimeout.toNanos();
	}

}
