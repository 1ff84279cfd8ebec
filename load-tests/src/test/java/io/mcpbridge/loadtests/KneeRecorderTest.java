package io.mcpbridge.loadtests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KneeRecorderTest {

	/**
	 * Levels of 10 s from 50 calls/s in steps of 50; held means p99 < 1000 ms and no
	 * failure.
	 */
	private final KneeRecorder knee = new KneeRecorder(50, 50, 5, 10_000, 1000, 0);

	@Test
	void theKneeIsTheLastLevelOfTheUnbrokenRunOfHeldLevels() {
		long start = knee.sending();
		sendLevel(start, 0, 100, 20, false);
		sendLevel(start, 1, 100, 400, false);
		sendLevel(start, 2, 100, 1500, false);
		sendLevel(start, 3, 100, 30, false);

		assertThat(knee.report()).contains("knee: 100 calls/s held (p99 < 1000 ms, no failed request)")
			.contains("150 calls/s broke it (p99 1500 ms, 0 failed)");
	}

	@Test
	void oneFailedRequestBreaksALevelWhateverItsLatency() {
		long start = knee.sending();
		sendLevel(start, 0, 100, 20, false);
		knee.record(start + 10_000 + 5, 10, true);
		sendLevel(start, 1, 99, 20, false);

		assertThat(knee.level(1).failed()).isEqualTo(1);
		assertThat(knee.level(1).held()).isFalse();
		assertThat(knee.report()).contains("knee: 50 calls/s held")
			.contains("100 calls/s broke it (p99 20 ms, 1 failed)");
	}

	@Test
	void aRequestCountsInTheLevelItWasSentInNotWhenItEnded() {
		long start = knee.sending();
		knee.record(start + 9_999, 25_000, false);

		assertThat(knee.level(0).requests()).isEqualTo(1);
		assertThat(knee.level(0).p99Ms()).isEqualTo(25_000);
		assertThat(knee.level(2).requests()).isZero();
	}

	@Test
	void theRunIsPastTheKneeOnlyTwoLevelsAfterABrokenLevel() {
		long start = knee.sending();
		sendLevel(start, 0, 100, 2000, false);

		assertThat(knee.pastTheKnee(start + 15_000)).as("during level 1").isFalse();
		assertThat(knee.pastTheKnee(start + 25_000)).as("during level 2: level 0 has settled").isTrue();
	}

	@Test
	void aRunWhereEveryLevelHeldSaysSo() {
		long start = knee.sending();
		for (int level = 0; level < 5; level++) {
			sendLevel(start, level, 10, 5, false);
		}

		assertThat(knee.report()).contains("knee: 250 calls/s held").contains("every level held");
	}

	@Test
	void requestsSentDuringTheWarmUpAreNotCountedAndLevelZeroStartsAfterIt() {
		KneeRecorder warmed = new KneeRecorder(50, 50, 5, 10_000, 1000, 30_000);
		long start = warmed.sending();
		warmed.record(start + 1_000, 9_000, true);
		warmed.record(start + 30_000, 20, false);
		warmed.record(start + 40_001, 30, false);

		assertThat(warmed.level(0).requests()).isEqualTo(1);
		assertThat(warmed.level(0).failed()).isZero();
		assertThat(warmed.level(1).requests()).isEqualTo(1);
		assertThat(warmed.pastTheKnee(start + 20_000)).isFalse();
	}

	private void sendLevel(long start, int level, int requests, long latencyMs, boolean failed) {
		for (int i = 0; i < requests; i++) {
			knee.record(start + level * 10_000L + i, latencyMs, failed);
		}
	}

}
