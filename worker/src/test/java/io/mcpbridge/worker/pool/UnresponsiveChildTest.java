package io.mcpbridge.worker.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mcpbridge.worker.config.WorkerProperties.Pool;
import io.mcpbridge.worker.config.WorkerProperties.Upstream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Children that never answer: no call or start waits on them past its bound, and the pool replaces them. */
class UnresponsiveChildTest {

	@Test
	void aChildThatNeverAnswersInitializeFailsItsStartAfterTheConfiguredStartTimeout() {
		// sleep reads nothing and answers nothing; its argument tells its processes apart from other tests'.
		Upstream mute = Upstream.of("mute", List.of("sleep", "1201"), Map.of(), Pool.fixed(1), Duration.ofSeconds(10))
			.withStartTimeout(Duration.ofSeconds(2));
		UpstreamPools pools = PoolFixtures.pools(mute);
		try {
			long started = System.nanoTime();
			pools.start();
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			PoolStatus status = pools.status().get("mute");
			assertThat(status.live()).isZero();
			assertThat(status.lastStartFailure()).contains("no answer to initialize within the start-timeout of 2000 ms");
			// Waited the configured 2 s, and far less than the default 30 s.
			assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
		}
		finally {
			pools.stop();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.noneMatch(process -> process.info().arguments().map(List::of).orElse(List.of()).contains("1201")));
	}
}
