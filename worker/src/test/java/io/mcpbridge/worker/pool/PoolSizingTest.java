package io.mcpbridge.worker.pool;

import java.time.Duration;

import io.mcpbridge.worker.config.WorkerProperties.Pool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoolSizingTest {

	/** One call per process: each waiting call is one more process. */
	private static final PoolSizing SEED = new PoolSizing(
			new Pool(2, 10, 5, 1.5, Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(5), true)
				.withMaxConcurrentPerProcess(1));

	private static final PoolSizing FIXED = new PoolSizing(Pool.fixed(4));

	@Test
	void anAutoScalingPoolStartsAtMinAFixedOneAtTarget() {
		assertThat(SEED.initial()).isEqualTo(2);
		assertThat(new PoolSizing(
				new Pool(2, 10, 5, 1.5, Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(5), false))
			.initial()).isEqualTo(5);
	}

	@Test
	void eachWaitingCallAsksForOneMoreProcess() {
		// 2 processes, both busy, 1 call waiting: a third process.
		assertThat(SEED.grow(2, 2, 2, 1, 10)).isEqualTo(3);
		assertThat(SEED.grow(2, 2, 2, 3, 10)).isEqualTo(5);
	}

	@Test
	void withSeveralCallsPerProcessWaitingCallsAskForTheProcessesThatFitThem() {
		PoolSizing multiplexed = new PoolSizing(
				new Pool(1, 10, 5, 1.5, Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(5), true)
					.withMaxConcurrentPerProcess(4));
		assertThat(multiplexed.grow(1, 1, 1, 1, 10)).as("1 full process, 1 waiting: one more").isEqualTo(2);
		assertThat(multiplexed.grow(1, 1, 1, 4, 10)).as("4 waiting fit on one more").isEqualTo(2);
		assertThat(multiplexed.grow(1, 1, 1, 5, 10)).as("5 waiting need two more").isEqualTo(3);
		assertThat(multiplexed.grow(2, 2, 2, 17, 2000)).as("17 > 2 x 2 x 4 slow calls: x 1.5 = 3, one per 4 waiting: 7")
			.isEqualTo(7);
	}

	@Test
	void growthNeverPassesMax() {
		assertThat(SEED.grow(9, 9, 9, 50, 5000)).isEqualTo(10);
	}

	@Test
	void growthNeverLowersWhatIsAlreadyWanted() {
		// Processes already starting for earlier waiters are not given up because fewer
		// wait now.
		assertThat(SEED.grow(6, 2, 2, 1, 10)).isEqualTo(6);
	}

	@Test
	void theSeedsRuleMultipliesTheSizeWhenSlowCallsPileUp() {
		// 5 waiting > 2 x 2 live and the mean call takes 2 s: 2 x 1.5 = 3, but one per
		// waiter gives 7.
		assertThat(SEED.grow(2, 2, 2, 5, 2000)).isEqualTo(7);
		PoolSizing wide = new PoolSizing(
				new Pool(2, 100, 5, 3, Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(5), true)
					.withMaxConcurrentPerProcess(1));
		assertThat(wide.grow(10, 10, 0, 21, 2000)).as("10 x 3 > 0 busy + 21 waiting").isEqualTo(30);
		assertThat(wide.grow(10, 10, 0, 21, 500)).as("fast calls: one per waiter only").isEqualTo(21);
	}

	@Test
	void aFixedPoolNeverGrows() {
		assertThat(FIXED.grow(4, 4, 4, 100, 5000)).isEqualTo(4);
	}

	@Test
	void idleProcessesRetireDownToMinButNotBelow() {
		assertThat(SEED.retirable(6, 3)).isEqualTo(3);
		assertThat(SEED.retirable(4, 3)).isEqualTo(2);
		assertThat(SEED.retirable(2, 2)).isZero();
		assertThat(SEED.afterRetiring(6, 3)).isEqualTo(3);
		assertThat(SEED.afterRetiring(3, 3)).isEqualTo(2);
	}

	@Test
	void aFixedPoolRetiresNothing() {
		assertThat(FIXED.retirable(4, 4)).isZero();
	}

}
