package io.mcpbridge.standalone.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.mcpbridge.common.Priority;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.standalone.queue.CallLogFile.Call;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import io.mcpbridge.testbroker.SharedBroker;
import io.mcpbridge.testbroker.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling update's view of one worker: it gets SIGTERM (not SIGKILL) while requests
 * arrive at a steady rate. It stops polling, lets its in-flight calls finish, commits and
 * leaves the group at once (no session timeout to wait out), and the other worker takes
 * its partitions: every request is answered and, by home-sim's call log, executed exactly
 * once.
 */
@ExtendWith(SharedBroker.class)
class WorkerGracefulShutdownIT {

	private static final int PER_TICK = 5;

	private static final int TICKS = 100;

	@TempDir
	Path tmp;

	@Test
	void aWorkerStoppedWithSigtermDuringSteadyTrafficLosesNothingAndRepeatsNothing(TestBroker kafka) throws Exception {
		QueueLane lane = QueueLane.of(kafka, WorkerGracefulShutdownIT.class);
		Path callLog = tmp.resolve("calls.jsonl");
		Process stopping = null;
		ConfigurableApplicationContext staying = null;
		ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
		try (Requests requests = new Requests(lane);
				Replies replies = new Replies();
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			staying = QueueWorker.inProcess(lane, "w-staying", callLog, 50, 4);
			stopping = QueueWorker.subprocess(lane, "w-stopping", callLog, 50, 4,
					Path.of("target", "worker-graceful-stopping.log"));
			await().atMost(Duration.ofSeconds(120)).until(() -> WorkerGroup.membersWithPartitions(admin, lane) == 2);

			// 50 requests a second for 10 s, over 40 entities (writes: each must run
			// once, in order).
			List<RequestEnvelope> sent = Collections.synchronizedList(new ArrayList<>());
			AtomicInteger tick = new AtomicInteger();
			traffic.scheduleAtFixedRate(() -> {
				int t = tick.incrementAndGet();
				if (t > TICKS) {
					return;
				}
				List<RequestEnvelope> batch = new ArrayList<>();
				for (int i = 0; i < PER_TICK; i++) {
					int n = t * PER_TICK + i;
					batch
						.add(requests.turnOn("light.graceful_" + (n % 40), n, Priority.MEDIUM, Duration.ofSeconds(60)));
				}
				requests.send(batch);
				sent.addAll(batch);
			}, 0, 100, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> WorkerGroup.repliesByWorker(replies.stored(List.copyOf(sent)))
					.getOrDefault("w-stopping", 0L) >= 20);

			stopping.destroy(); // SIGTERM
			assertThat(stopping.waitFor(60, TimeUnit.SECONDS)).as("the worker exits within its grace period").isTrue();
			// Left the group on its way out: the survivor holds every partition without
			// waiting out the
			// 6 s session timeout a killed worker would leave behind.
			await().atMost(Duration.ofSeconds(5)).until(() -> WorkerGroup.membersWithPartitions(admin, lane) == 1);
			await().atMost(Duration.ofSeconds(60)).until(() -> tick.get() > TICKS);
			List<RequestEnvelope> all = List.copyOf(sent);
			Map<String, ReplyEnvelope> answered = replies.awaitAll(all, Duration.ofSeconds(120));

			List<Call> calls = CallLogFile.read(callLog)
				.stream()
				.filter(c -> c.entity().startsWith("light.graceful_"))
				.toList();
			Map<String, Long> executions = calls.stream()
				.collect(Collectors.groupingBy(c -> c.entity() + "#" + c.brightness(), Collectors.counting()));
			System.out.printf("[deploy] SIGTERM during %d requests at 50/s: exit %d, by worker %s, %d executions%n",
					all.size(), stopping.exitValue(), WorkerGroup.repliesByWorker(answered), calls.size());
			assertThat(all).hasSize(TICKS * PER_TICK);
			assertThat(answered).as("lost: none").hasSize(all.size());
			assertThat(executions).as("executed: each request once").hasSize(all.size());
			assertThat(executions.values()).allMatch(count -> count == 1);
			assertThat(WorkerGroup.repliesByWorker(answered)).containsKeys("w-stopping", "w-staying");
		}
		finally {
			traffic.shutdownNow();
			if (stopping != null) {
				stopping.descendants().forEach(ProcessHandle::destroyForcibly);
				stopping.destroyForcibly();
			}
			if (staying != null) {
				staying.close();
			}
		}
	}

}
