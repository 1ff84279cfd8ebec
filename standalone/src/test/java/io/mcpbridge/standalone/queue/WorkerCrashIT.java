package io.mcpbridge.standalone.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Two workers in one consumer group; one is killed (SIGKILL, no graceful drain) while 500
 * requests are in flight. Kafka redelivers its uncommitted records to the survivor, which
 * answers each one from its stored result, waits for the result of one the dead worker
 * had claimed, or executes it.
 */
@ExtendWith(SharedBroker.class)
class WorkerCrashIT {

	@TempDir
	Path tmp;

	@Test
	void everyRequestEndsWithAnAnswerAndNoneExecutesTwiceWhenAWorkerIsKilled(TestBroker kafka) throws Exception {
		QueueLane lane = QueueLane.of(kafka, WorkerCrashIT.class);
		Path callLog = tmp.resolve("calls.jsonl");
		Process doomed = null;
		List<ProcessHandle> doomedChildren = List.of();
		ConfigurableApplicationContext survivor = null;
		try (Requests requests = new Requests(lane);
				Replies replies = new Replies();
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			survivor = QueueWorker.inProcess(lane, "w-survivor", callLog, 100, 4);
			doomed = QueueWorker.subprocess(lane, "w-doomed", callLog, 100, 4,
					Path.of("target", "worker-crash-doomed.log"));
			await().atMost(Duration.ofSeconds(90)).until(() -> WorkerGroup.membersWithPartitions(admin, lane) == 2);
			List<RequestEnvelope> all = new ArrayList<>();
			for (int i = 1; i <= 10; i++) {
				for (int entity = 0; entity < 50; entity++) {
					all.add(requests.turnOn("light.crash_" + entity, i, Priority.MEDIUM, Duration.ofSeconds(30)));
				}
			}

			requests.send(all);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> WorkerGroup.repliesByWorker(replies.stored(all)).getOrDefault("w-doomed", 0L) >= 30);
			doomedChildren = doomed.descendants().toList();
			doomed.destroyForcibly().waitFor();
			Map<String, ReplyEnvelope> answered = replies.awaitAll(all, Duration.ofSeconds(90));

			Map<String, Long> outcomes = answered.values()
				.stream()
				.collect(Collectors.groupingBy(r -> r.isSuccess() ? "success" : r.error().code().name(),
						Collectors.counting()));
			List<Call> calls = CallLogFile.read(callLog)
				.stream()
				.filter(c -> c.entity().startsWith("light.crash_"))
				.toList();
			Map<String, Long> executions = calls.stream()
				.collect(Collectors.groupingBy(c -> c.entity() + "#" + c.brightness(), Collectors.counting()));
			System.out.printf("[queue] worker killed with 500 in flight: outcomes %s, by worker %s, %d executions%n",
					outcomes, WorkerGroup.repliesByWorker(answered), calls.size());
			assertThat(answered).hasSize(500);
			assertThat(executions.values()).as("executions per request").allMatch(count -> count == 1);
			assertThat(WorkerGroup.repliesByWorker(answered)).containsKeys("w-doomed", "w-survivor");
		}
		finally {
			if (doomed != null) {
				doomed.destroyForcibly();
			}
			doomedChildren.forEach(ProcessHandle::destroyForcibly);
			if (survivor != null) {
				survivor.close();
			}
		}
	}

}
