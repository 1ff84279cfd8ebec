package io.mcpbridge.worker.pool;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls, errors, replacements and the mean call time of one pool; safe for concurrent
 * use.
 */
final class PoolCounters {

	/**
	 * Weight of the newest call in the moving mean: recent calls count, old bursts fade.
	 */
	private static final double WEIGHT = 0.2;

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong restarts = new AtomicLong();

	private double meanCallMillis;

	void callStarted() {
		calls.incrementAndGet();
	}

	void callFailed() {
		errors.incrementAndGet();
	}

	void processReplaced() {
		restarts.incrementAndGet();
	}

	synchronized void callTook(long nanos) {
		double millis = nanos / 1_000_000.0;
		meanCallMillis = meanCallMillis == 0 ? millis : meanCallMillis + WEIGHT * (millis - meanCallMillis);
	}

	synchronized double meanCallMillis() {
		return meanCallMillis;
	}

	long calls() {
		return calls.get();
	}

	long errors() {
		return errors.get();
	}

	long restarts() {
		return restarts.get();
	}

}
