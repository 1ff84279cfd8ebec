package io.mcpbridge.gateway.limits;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.LocalRedis;
import io.mcpbridge.redisprocess.RedisProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Buckets in a real Redis: two independent clients (two gateways' worth of Lettuce
 * connections and Bucket4j proxy managers) share one budget, keys expire, and a Redis
 * that goes away is replaced by the local buckets (fail open). Each test uses a tenant of
 * its own on the shared Redis at 6379; the outage test kills a redis-server of its own.
 */
class SharedBucketsRedisIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final RateLimitStats stats = new RateLimitStats(new SimpleMeterRegistry());

	private static SharedBuckets buckets(int port, RateLimitStats stats) {
		return new SharedBuckets("127.0.0.1", port, TIMEOUT, new LocalBuckets(100, Duration.ofMinutes(1)), stats);
	}

	private static String tenant(String what) {
		return "rl-" + what + "-" + System.nanoTime();
	}

	@Test
	void twoGatewaysShareOneBucketAndAcceptCapacityPlusRefillTimesElapsed() {
		long capacity = 20;
		double refill = 2;
		Limit limit = new Limit(capacity, refill);
		String key = RedisKeys.rateLimit(tenant("burst"), "tenant");
		try (SharedBuckets first = buckets(6379, stats); SharedBuckets second = buckets(6379, stats)) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> first.shared() && second.shared()
						&& first.consume("mcp:{rl-warm}:ratelimit:tenant", limit).join() != null);
			AtomicInteger accepted = new AtomicInteger();
			AtomicInteger refused = new AtomicInteger();
			ExecutorService callers = Executors.newFixedThreadPool(4);
			long start = System.nanoTime();
			List<CompletableFuture<Void>> calls = new ArrayList<>();
			for (int i = 0; i < 80; i++) {
				SharedBuckets gateway = i % 2 == 0 ? first : second;
				calls.add(CompletableFuture.runAsync(() -> {
					Verdict verdict = gateway.consume(key, limit).join();
					assertThat(verdict.local()).isFalse();
					(verdict.allowed() ? accepted : refused).incrementAndGet();
				}, callers));
			}
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
			double elapsedSeconds = (System.nanoTime() - start) / 1e9;
			callers.shutdown();
			double expected = capacity + refill * elapsedSeconds;
			assertThat((double) accepted.get()).as("accepted in %.2f s", elapsedSeconds)
				.isBetween(capacity + Math.floor(refill * elapsedSeconds) - 1, expected + 1);
			assertThat(accepted.get() + refused.get()).isEqualTo(80);
			assertThat(stats.counts().failOpen()).isZero();
		}
	}

	@Test
	void anotherTenantKeepsItsWholeBudgetAndIdleBucketsExpire() {
		Limit limit = new Limit(2, 0.1);
		String busy = RedisKeys.rateLimit(tenant("busy"), "tenant");
		String quiet = RedisKeys.rateLimit(tenant("quiet"), "tenant");
		try (SharedBuckets first = buckets(6379, stats);
				SharedBuckets second = buckets(6379, stats);
				LocalRedis redis = LocalRedis.connect()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> first.shared() && second.shared());
			assertThat(first.consume(busy, limit).join().allowed()).isTrue();
			assertThat(second.consume(busy, limit).join().allowed()).isTrue();
			Verdict refused = first.consume(busy, limit).join();
			assertThat(refused.allowed()).isFalse();
			assertThat(refused.retryAfterSeconds()).isBetween(1L, 10L);
			assertThat(second.consume(quiet, limit).join().allowed()).isTrue();
			// Expires once full again (20 s at 0.1/s) plus 10 s: never a key without TTL.
			long ttl = redis.template().getExpire(busy);
			assertThat(ttl).isBetween(1L, 31L);
		}
	}

	@Test
	void aRedisThatGoesAwayIsReplacedByLocalBucketsAndCountedAsFailOpen() throws IOException {
		Limit limit = new Limit(3, 0.01);
		String key = RedisKeys.rateLimit(tenant("outage"), "tenant");
		RedisProcess own = RedisProcess.reuseOrStart(freePort());
		assertThat(own.isStartedHere()).isTrue();
		try (own; SharedBuckets gateway = buckets(own.port(), stats)) {
			await().atMost(Duration.ofSeconds(30)).until(gateway::shared);
			assertThat(gateway.consume(key, limit).join().local()).isFalse();
			own.close();
			long before = System.nanoTime();
			Verdict during = gateway.consume(key, limit).join();
			assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(TIMEOUT.multipliedBy(2));
			assertThat(during.local()).isTrue();
			assertThat(during.allowed()).isTrue();
			assertThat(stats.counts().failOpen()).isPositive();
			assertThat(gateway.shared()).isFalse();
			// still limited, by this gateway alone: the local bucket holds 3
			gateway.consume(key, limit).join();
			gateway.consume(key, limit).join();
			assertThat(gateway.consume(key, limit).join().allowed()).isFalse();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
