package io.mcpbridge.standalone.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.standalone.queue.CallLogFile.Call;
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

/**
 * Per-entity ordering and cross-entity parallelism on a real broker, real Redis and a
 * worker whose pool runs 4 home-sim processes of 8 calls at once each, taking 50 ms per
 * call.
 */
@ExtendWith(SharedBroker.class)
class KeyOrderingIT {

	private static final int LATENCY_MS = 50;

	/** Calls one home-sim process runs at once (the worker's default). */
	private static final int PER_PROCESS = 8;

	@TempDir
	static Path tmp;

	private static QueueLane lane;

	private static ConfigurableApplicationContext worker;

	private static Path callLog;

	private Requests requests;

	private Replies replies;

	private String prefix;

	@BeforeAll
	static void start(TestBroker kafka) {
		lane = QueueLane.of(kafka, KeyOrderingIT.class);
		callLog = tmp.resolve("calls.jsonl");
		// Several calls per process: per-entity order must hold while one process runs
		// many entities at once.
		worker = QueueWorker.inProcess(lane, "w-order", callLog, LATENCY_MS, 4, PER_PROCESS);
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
		// Entity names unique to this test, so its lines of the shared call log are its
		// own.
		prefix = "light." + requests.tenant.replace('-', '_') + "_";
	}

	@AfterEach
	void close() {
		requests.close();
		replies.close();
	}

	@Test
	void fiftyWritesToOneEntityNeverOverlapAndRunInSubmissionOrder() {
		List<RequestEnvelope> writes = IntStream.rangeClosed(1, 50)
			.mapToObj(i -> requests.turnOn(prefix + "one", i, Priority.MEDIUM, Duration.ofSeconds(60)))
			.toList();

		requests.send(writes);
		replies.awaitAll(writes, Duration.ofSeconds(60));

		List<Call> calls = CallLogFile.byEntity(CallLogFile.read(callLog), prefix).get(prefix + "one");
		assertThat(calls).hasSize(50);
		assertThat(calls).extracting(Call::brightness)
			.containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
		assertThat(CallLogFile.overlaps(Map.of("one", calls))).isZero();
	}

	@Test
	void twentyEntitiesRunInParallelWithNoOverlapPerEntity() {
		List<RequestEnvelope> writes = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			for (int entity = 0; entity < 20; entity++) {
				writes.add(requests.turnOn(prefix + entity, i, Priority.MEDIUM, Duration.ofSeconds(60)));
			}
		}
		long started = System.currentTimeMillis();

		requests.send(writes);
		Map<String, ReplyEnvelope> answered = replies.awaitAll(writes, Duration.ofSeconds(60));

		long wallMs = answered.values().stream().mapToLong(ReplyEnvelope::completedEpochMs).max().orElseThrow()
				- started;
		Map<String, List<Call>> calls = CallLogFile.byEntity(CallLogFile.read(callLog), prefix);
		// The serial sum as home-sim measured it (50 ms plus its own time per call,
		// slower on a busy machine).
		long serialMs = calls.values().stream().flatMap(List::stream).mapToLong(c -> c.endUs() - c.startUs()).sum()
				/ 1000;
		int parallel = CallLogFile.maxConcurrency(calls.values().stream().flatMap(List::stream).toList());
		System.out.printf(
				"[queue] 20 entities x 5 calls of %d ms, pool 4 x %d: wall %d ms, serial sum %d ms (nominal %d), "
						+ "up to %d calls at once%n",
				LATENCY_MS, PER_PROCESS, wallMs, serialMs, writes.size() * LATENCY_MS, parallel);
		assertThat(calls).hasSize(20);
		assertThat(calls.values())
			.allSatisfy(entity -> assertThat(entity).extracting(Call::brightness).containsExactly(1, 2, 3, 4, 5));
		assertThat(CallLogFile.overlaps(calls)).isZero();
		// The pool's 4 processes ran different entities at the same time, more than one
		// per process, never
		// more than one per entity. (Wall time against the serial sum is reported, not
		// asserted: on a
		// saturated 2-core machine the worker's CPU time dominates.)
		assertThat(parallel).isGreaterThan(4).isLessThanOrEqualTo(20);
	}

	@Test
	void aRequestWhoseDeadlinePassesBehindItsEntitysWorkIsAnsweredTimeoutAndNeverExecuted() {
		String entity = prefix + "busy";
		// 3 s of work on the entity: 60 calls of 50 ms, one at a time.
		List<RequestEnvelope> work = IntStream.rangeClosed(1, 60)
			.mapToObj(i -> requests.turnOn(entity, i, Priority.MEDIUM, Duration.ofSeconds(60)))
			.toList();
		RequestEnvelope late = requests.turnOn(entity, 200, Priority.MEDIUM, Duration.ofSeconds(1));

		requests.send(work);
		requests.send(List.of(late));

		ReplyEnvelope reply = replies.awaitOne(late, Duration.ofSeconds(30));
		assertThat(reply.error().code()).isEqualTo(ErrorCode.TIMEOUT_IN_QUEUE);
		assertThat(reply.error().code().httpStatus()).isEqualTo(504);
		replies.awaitAll(work, Duration.ofSeconds(30));
		List<Call> calls = CallLogFile.byEntity(CallLogFile.read(callLog), prefix).get(entity);
		assertThat(calls).hasSize(60).extracting(Call::brightness).doesNotContain(200);
	}

}
