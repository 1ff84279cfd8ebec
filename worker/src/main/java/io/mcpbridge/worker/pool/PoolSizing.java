package io.mcpbridge.worker.pool;

import io.mcpbridge.worker.config.WorkerProperties.Pool;

/**
 * How many processes a pool wants, as pure functions of what it observes, so the policy
 * can be tested without processes or clocks.
 *
 * <ul>
 * <li>At start: {@code min} processes with auto-scale, {@code target} without.</li>
 * <li>Growth (auto-scale only): calls that find no process with room ask for enough
 * processes to run them (wanted = busy + waiting / max-concurrent-per-process, rounded
 * up), and the seed's rule, more calls waiting than twice what the running processes can
 * take at once while the mean call takes over 1 s, multiplies the size by
 * {@code scale-factor}. Never above {@code max}.</li>
 * <li>Shrinking (auto-scale only): processes idle for longer than {@code idle-timeout}
 * are stopped, never below {@code min}.</li>
 * </ul>
 */
record PoolSizing(Pool settings) {

	/**
	 * The seed's rule only applies to slow calls: for fast ones a queue drains by itself.
	 */
	static final double SLOW_CALL_MILLIS = 1000;

	int initial() {
		return settings.autoScale() ? settings.min() : settings.target();
	}

	/**
	 * The size wanted while {@code waiting} calls find no process with room.
	 * @param desired the size wanted so far
	 * @param live processes running (idle, busy or being health-checked)
	 * @param busy processes running at least one call
	 * @param meanCallMillis mean duration of recent calls
	 */
	int grow(int desired, int live, int busy, int waiting, double meanCallMillis) {
		if (!settings.autoScale()) {
			return desired;
		}
		int perProcess = settings.maxConcurrentPerProcess();
		int wanted = Math.max(desired, busy + (waiting + perProcess - 1) / perProcess);
		if (waiting > 2 * live * perProcess && meanCallMillis > SLOW_CALL_MILLIS) {
			wanted = Math.max(wanted, (int) Math.ceil(Math.max(live, 1) * settings.scaleFactor()));
		}
		return Math.max(settings.min(), Math.min(settings.max(), wanted));
	}

	/**
	 * How many of the {@code expired} processes (idle past the idle timeout) may be
	 * stopped now.
	 */
	int retirable(int live, int expired) {
		if (!settings.autoScale()) {
			return 0;
		}
		return Math.max(0, Math.min(expired, live - settings.min()));
	}

	/** The size wanted after {@code retired} processes were stopped for idleness. */
	int afterRetiring(int desired, int retired) {
		return Math.max(settings.min(), desired - retired);
	}
}
