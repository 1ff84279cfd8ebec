package io.mcpbridge.gateway.status;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Namespace;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.Topics;
import io.mcpbridge.common.WorkerReport;
import io.mcpbridge.gateway.LocalRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live workers a gateway counts, read from the real Redis at 127.0.0.1:6379: only
 * those of its own deployment namespace, so two bridges (or two test stacks) on one Redis
 * never count each other's workers.
 */
class WorkerDirectoryIT {

	@RegisterExtension
	static final LocalRedis local = new LocalRedis();

	private static final StringRedisTemplate redis = local.template();

	private final Namespace blue = Namespace.of("it-blue-" + UUID.randomUUID().toString().substring(0, 8));

	private final Namespace green = Namespace.of("it-green-" + UUID.randomUUID().toString().substring(0, 8));

	@AfterEach
	void forget() {
		for (Namespace namespace : new Namespace[] { blue, green }) {
			redis.delete(RedisKeys.workerIndex(namespace));
			redis.delete(RedisKeys.workerReport(namespace, "w-" + namespace.name()));
		}
	}

	@Test
	void aGatewayCountsOnlyTheWorkersOfItsOwnNamespace() {
		report(blue);
		report(green);

		WorkerDirectory directory = new WorkerDirectory(redis, new StatusProperties(Duration.ZERO, Duration.ZERO),
				Topics.of(blue));

		assertThat(directory.liveWorkers()).extracting(WorkerReport::workerId).containsExactly("w-" + blue.name());
		assertThat(directory.upstreamNames()).containsExactly("home");
	}

	/** What a worker of {@code namespace} writes (WorkerStatusPublisher's two keys). */
	private static void report(Namespace namespace) {
		long now = System.currentTimeMillis();
		String id = "w-" + namespace.name();
		WorkerReport report = new WorkerReport(id, now, now, 60_000,
				Map.of("home", BridgeJson.mapper().createObjectNode()), Map.of());
		redis.opsForValue()
			.set(RedisKeys.workerReport(namespace, id), BridgeJson.mapper().writeValueAsString(report),
					Duration.ofMinutes(1));
		redis.opsForZSet().add(RedisKeys.workerIndex(namespace), id, now + 60_000);
	}

}
