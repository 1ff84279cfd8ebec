package io.mcpbridge.loadtests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The stress run's own statistics per injection level: each request is counted in the
 * level during which it was sent (not when it ended), with its latency in a 1-ms
 * histogram and whether it failed. A level is held when none of its requests failed and
 * its p99 is under the bound; the knee is the highest rate of an unbroken run of held
 * levels from the first.
 */
final class KneeRecorder {

	/**
	 * Latencies from 0 to this many ms have their own bucket; longer ones share the last.
	 */
	private static final int MAX_MS = 60_000;

	private final double startRate;

	private final double step;

	private final long levelMillis;

	private final int p99BoundMs;

	private final long warmupMillis;

	private final List<AtomicLongArray> histograms = new ArrayList<>();

	private final AtomicLongArray failures;

	/**
	 * When the first request was sent: Gatling's injection starts a moment after
	 * {@code before()}.
	 */
	private final java.util.concurrent.atomic.AtomicLong startMillis = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * The last level judged by {@link #pastTheKnee}, and whether one of those was not
	 * held.
	 */
	private volatile int judgedUpTo = -1;

	private volatile boolean past;

	/**
	 * @param warmupMillis time before level 0 (at the start rate, JIT compilation of a
	 * cold target): not counted
	 */
	KneeRecorder(double startRate, double step, int levels, long levelMillis, int p99BoundMs, long warmupMillis) {
		this.warmupMillis = warmupMillis;
		this.startRate = startRate;
		this.step = step;
		this.levelMillis = levelMillis;
		this.p99BoundMs = p99BoundMs;
		for (int i = 0; i < levels; i++) {
			histograms.add(new AtomicLongArray(MAX_MS + 1));
		}
		this.failures = new AtomicLongArray(levels);
	}

	/**
	 * Called as each request is about to be sent: its send time (the first one starts
	 * level 0).
	 */
	long sending() {
		long now = System.currentTimeMillis();
		startMillis.compareAndSet(0, now);
		return now;
	}

	int levelAt(long millis) {
		long start = startMillis.get();
		return start == 0 ? 0
				: (int) Math.max(0, Math.min(histograms.size() - 1, (millis - start - warmupMillis) / levelMillis));
	}

	void record(long sentMillis, long latencyMillis, boolean failed) {
		if (sentMillis < startMillis.get() + warmupMillis) {
			return;
		}
		int level = levelAt(sentMillis);
		histograms.get(level).incrementAndGet((int) Math.max(0, Math.min(MAX_MS, latencyMillis)));
		if (failed) {
			failures.incrementAndGet(level);
		}
	}

	/**
	 * True once a level two levels back was not held: its requests have had a whole
	 * level's time to end, and the run has shown one more level past it.
	 */
	boolean pastTheKnee(long nowMillis) {
		if (nowMillis < startMillis.get() + warmupMillis) {
			return false;
		}
		int settled = levelAt(nowMillis) - 2;
		if (!past && settled > judgedUpTo) {
			judge(settled);
		}
		return past;
	}

	/**
	 * Judges each settled level once (a level's histogram is summed once, not on every
	 * request).
	 */
	private synchronized void judge(int settled) {
		while (judgedUpTo < settled && !past) {
			judgedUpTo++;
			past = !level(judgedUpTo).held();
		}
	}

	Level level(int index) {
		AtomicLongArray histogram = histograms.get(index);
		long count = 0;
		for (int ms = 0; ms <= MAX_MS; ms++) {
			count += histogram.get(ms);
		}
		return new Level(startRate + index * step, count, failures.get(index), percentile(histogram, count, 50),
				percentile(histogram, count, 99), p99BoundMs, levelMillis);
	}

	int levels() {
		return histograms.size();
	}

	private static long percentile(AtomicLongArray histogram, long count, double percentile) {
		if (count == 0) {
			return -1;
		}
		long rank = (long) Math.ceil(percentile / 100.0 * count);
		long seen = 0;
		for (int ms = 0; ms <= MAX_MS; ms++) {
			seen += histogram.get(ms);
			if (seen >= rank) {
				return ms;
			}
		}
		return MAX_MS;
	}

	/** The report: one line per level that saw requests, then the knee. */
	String report() {
		StringBuilder out = new StringBuilder(
				String.format("%nstress levels (each request counted in the level it was sent in):%n"));
		out.append(String.format("%10s %10s %9s %8s %8s %8s  %s%n", "rate/s", "sent/s", "requests", "failed", "p50 ms",
				"p99 ms", "held"));
		Level lastHeld = null;
		Level firstBroken = null;
		for (int i = 0; i < levels(); i++) {
			Level level = level(i);
			if (level.requests() == 0) {
				continue;
			}
			out.append(String.format("%10.0f %10.1f %9d %8d %8d %8d  %s%n", level.rate(), level.sentPerSecond(),
					level.requests(), level.failed(), level.p50Ms(), level.p99Ms(), level.held() ? "yes" : "no"));
			if (firstBroken == null) {
				if (level.held()) {
					lastHeld = level;
				}
				else {
					firstBroken = level;
				}
			}
		}
		out.append(knee(lastHeld, firstBroken)).append(System.lineSeparator());
		return out.toString();
	}

	private String knee(Level lastHeld, Level firstBroken) {
		String bound = "p99 < " + p99BoundMs + " ms, no failed request";
		String held = lastHeld == null ? "knee: no level held (" + bound + ")"
				: String.format("knee: %.0f calls/s held (%s)", lastHeld.rate(), bound);
		return firstBroken == null ? held + "; every level held: raise stress.levels or stress.step"
				: held + String.format("; %.0f calls/s broke it (p99 %d ms, %d failed)", firstBroken.rate(),
						firstBroken.p99Ms(), firstBroken.failed());
	}

	record Level(double rate, long requests, long failed, long p50Ms, long p99Ms, int p99BoundMs, long levelMillis) {

		boolean held() {
			return requests > 0 && failed == 0 && p99Ms < p99BoundMs;
		}

		double sentPerSecond() {
			return requests * 1000.0 / levelMillis;
		}
	}

}
