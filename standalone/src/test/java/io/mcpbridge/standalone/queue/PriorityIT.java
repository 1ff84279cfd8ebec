package io.mcpbridge.standalone.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.mcpbridge.common.Priority;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Strict priorities against a BULK backlog; a worker with 4 home-sim processes taking 20
 * ms per call.
 */
@ExtendWith(SharedBroker.class)
class PriorityIT {

	@TempDir
	static Path tmp;

	private static QueueLane lane;

	private static ConfigurableApplicationContext worker;

	private Requests requests;

	private Replies replies;

	@BeforeAll
	static void start(TestBroker kafka) {
		lane = QueueLane.of(kafka, PriorityIT.class);
		worker = QueueWorker.inProcess(lane, "w-priority", tmp.resolve("calls.jsonl"), 20, 4);
	}

	@AfterAll
	static void stop() {
		if (worker != null) {
			worker.close();
		}
	}

	@BeforeEach
	void freshTenant() {
		requests = new Requests(lane);
		replies = new Replies();
	}

	@AfterEach
	void close() {
		requests.close();
		replies.close();
	}

	@Test
	void aCriticalRequestIsServedBeforeAThousandQueuedBulkRequestsDrain() {
		List<RequestEnvelope> bulk = bulk(1000, Duration.ofSeconds(60));
		requests.send(bulk);
		await().atMost(Duration.ofSeconds(30)).until(() -> replies.stored(bulk).size() >= 20);
		RequestEnvelope critical = requests.readState("light.kitchen", Priority.CRITICAL, Duration.ofSeconds(30));

		requests.send(List.of(critical));
		ReplyEnvelope reply = replies.awaitOne(critical, Duration.ofSeconds(30));

		Map<String, ReplyEnvelope> bulkDone = replies.stored(bulk);
		long waitedFor = bulkDone.values()
			.stream()
			.filter(r -> r.completedEpochMs() > critical.createdEpochMs()
					&& r.completedEpochMs() <= reply.completedEpochMs())
			.count();
		System.out.printf("[queue] CRITICAL behind 1000 BULK: %d ms, waited for %d BULK completions, %d BULK left%n",
				reply.completedEpochMs() - critical.createdEpochMs(), waitedFor, bulk.size() - bulkDone.size());
		assertThat(reply.isSuccess()).isTrue();
		assertThat(bulk.size() - bulkDone.size()).as("BULK still queued").isGreaterThan(500);
		assertThat(waitedFor).as("BULK completions the CRITICAL request waited for").isLessThanOrEqualTo(24);
		replies.awaitAll(bulk, Duration.ofSeconds(90));
	}

	@Test
	void criticalLatencyWithAndWithoutATenThousandBulkBacklog() {
		criticalLatencies(5); // warm-up: the first calls pay for class loading and JIT
		List<Long> idle = criticalLatencies(50);
		// Short deadlines: what is left of the backlog after the measurement expires
		// instead of running.
		List<RequestEnvelope> bulk = bulk(10_000, Duration.ofSeconds(8));
		requests.send(bulk);
		await().atMost(Duration.ofSeconds(30)).until(() -> replies.stored(bulk.subList(0, 200)).size() >= 20);

		List<Long> loaded = criticalLatencies(50);

		System.out.printf("[queue] CRITICAL latency, idle worker: p50 %d ms, p99 %d ms%n", percentile(idle, 50),
				percentile(idle, 99));
		System.out.printf("[queue] CRITICAL latency, 10000 BULK backlog: p50 %d ms, p99 %d ms%n",
				percentile(loaded, 50), percentile(loaded, 99));
		replies.awaitAll(bulk, Duration.ofSeconds(60));
	}

	/**
	 * One CRITICAL read after the other, each on its own entity: latency from creation to
	 * completion.
	 */
	private List<Long> criticalLatencies(int count) {
		List<Long> latencies = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RequestEnvelope critical = requests.readState("sensor.c" + i, Priority.CRITICAL, Duration.ofSeconds(30));
			requests.send(List.of(critical));
			ReplyEnvelope reply = replies.awaitOne(critical, Duration.ofSeconds(30));
			latencies.add(reply.completedEpochMs() - critical.createdEpochMs());
		}
		return latencies;
	}

	private List<RequestEnvelope> bulk(int count, Duration deadline) {
		return IntStream.range(0, count)
			.mapToObj(i -> requests.readState("sensor.bulk_" + (i % 200), Priority.BULK, deadline))
			.toList();
	}

	private static long percentile(List<Long> values, int percentile) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

}
