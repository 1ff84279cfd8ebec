package io.mcpbridge.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.Namespace;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.WorkerReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A running worker (real Kafka, real Redis, home-sim subprocesses) keeps its status
 * report in Redis for the gateways, and takes it away when it stops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedBroker.class)
class WorkerStatusReportIT {

	private static final String NAMESPACE = SharedBroker.namespaceFor(WorkerStatusReportIT.class);

	private static final String WORKER_ID = "status-it-" + System.nanoTime();

	private static final long INTERVAL_MS = 300;

	@TempDir
	static Path tmp;

	private static ConfigurableApplicationContext worker;

	private static StringRedisTemplate redis;

	@BeforeAll
	static void startWorker(TestBroker kafka) {
		assumeTrue(RedisReplies.reachable(), "Redis is not reachable on 127.0.0.1:6379");
		worker = RunningWorker.start(kafka, NAMESPACE, RedisReplies.PORT, tmp.resolve("calls.jsonl"), WORKER_ID,
				"bridge.status.publish-interval=" + INTERVAL_MS + "ms");
		redis = worker.getBean(StringRedisTemplate.class);
	}

	@AfterAll
	static void stopWorker() {
		RunningWorker.stop(worker);
	}

	@Test
	@Order(1)
	void theReportShowsEachUpstreamsPoolAndTheBufferedRequestsAndExpiresAfterThreeIntervals() {
		String key = RedisKeys.workerReport(Namespace.of(NAMESPACE), WORKER_ID);
		WorkerReport report = await().atMost(Duration.ofSeconds(30))
			.until(() -> read(key), found -> found != null && found.upstreams().get("home").path("live").asInt() == 2);

		JsonNode home = report.upstreams().get("home");
		assertThat(report.upstreamNames()).containsExactly("home");
		assertThat(home.path("desired").asInt()).isEqualTo(2);
		assertThat(home.path("pids")).hasSize(2);
		assertThat(home.has("last_start_failure")).as("snake_case names, nulls omitted").isFalse();
		assertThat(report.bufferedByPriority()).containsOnlyKeys(names(Priority.values()));
		assertThat(report.ttlMs()).isEqualTo(3 * INTERVAL_MS);
		assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(1L, 3 * INTERVAL_MS);
		assertThat(redis.opsForZSet().score(RedisKeys.workerIndex(Namespace.of(NAMESPACE)), WORKER_ID))
			.as("indexed until the report expires")
			.isGreaterThan((double) System.currentTimeMillis());
	}

	@Test
	@Order(2)
	void theReportIsRewrittenEveryInterval() {
		long first = read(RedisKeys.workerReport(Namespace.of(NAMESPACE), WORKER_ID)).reportedEpochMs();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> read(RedisKeys.workerReport(Namespace.of(NAMESPACE), WORKER_ID)).reportedEpochMs() > first);
	}

	@Test
	@Order(3)
	void aGracefulStopTakesTheReportAwayAtOnce() {
		assertThat(redis.hasKey(RedisKeys.workerReport(Namespace.of(NAMESPACE), WORKER_ID))).isTrue();

		worker.close();
		worker = null;

		RedisClient client = RedisClient.create("redis://" + RedisReplies.HOST + ":" + RedisReplies.PORT);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			assertThat(connection.sync().exists(RedisKeys.workerReport(Namespace.of(NAMESPACE), WORKER_ID))).isZero();
			assertThat(connection.sync().zscore(RedisKeys.workerIndex(Namespace.of(NAMESPACE)), WORKER_ID)).isNull();
		}
		finally {
			client.shutdown();
		}
	}

	private static WorkerReport read(String key) {
		String json = redis.opsForValue().get(key);
		return json == null ? null : BridgeJson.mapper().readValue(json, WorkerReport.class);
	}

	private static String[] names(Priority[] priorities) {
		return Arrays.stream(priorities).map(Priority::name).toArray(String[]::new);
	}

}
