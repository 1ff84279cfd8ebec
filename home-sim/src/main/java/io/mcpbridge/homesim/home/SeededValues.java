package io.mcpbridge.homesim.home;

/**
 * Deterministic pseudo-random values keyed by name: the same seed and key always give the
 * same value, whatever the JVM, the order of calls or the time. Each key is hashed on its
 * own, so adding an entity does not shift the values of the others.
 */
final class SeededValues {

	private final long seed;

	SeededValues(long seed) {
		this.seed = seed;
	}

	/** A value in [min, max), rounded to {@code decimals} places. */
	double between(String key, double min, double max, int decimals) {
		double fraction = (mix(this.seed ^ key.hashCode()) >>> 11) * 0x1.0p-53;
		double scale = Math.pow(10, decimals);
		return Math.round((min + fraction * (max - min)) * scale) / scale;
	}

	boolean flag(String key) {
		return (mix(this.seed * 31 + key.hashCode()) & 1) == 1;
	}

	/**
	 * SplitMix64's finalizer: spreads nearby inputs (seed 42 vs 43) over the whole range.
	 */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
