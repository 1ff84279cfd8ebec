package io.mcpbridge.worker.consume;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;

import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.common.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's promises, on a hand-cranked executor: nothing runs until the test says
 * so.
 */
class UpstreamSchedulerTest {

	/** Tasks wait here; {@link #runOne()} runs the oldest, which may start more. */
	private final Queue<Runnable> executor = new ArrayDeque<>();

	private final List<String> started = new ArrayList<>();

	private final Backlog backlog = new Backlog(1000, new SimpleMeterRegistry());

	private final OffsetTracker offsets = new OffsetTracker();

	private long nextOffset;

	private UpstreamScheduler scheduler(int slots, int starvationBound) {
		return new UpstreamScheduler(slots, starvationBound, executor::add,
				work -> started.add(work.request().requestId()), backlog);
	}

	private Work work(String id, String entity, Priority priority) {
		RequestEnvelope request = new RequestEnvelope(id, "t", "s", "home", Methods.TOOLS_CALL, "call_service", null,
				priority, Long.MAX_VALUE, "gw", entity, null, 0);
		ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.DEFAULT.requests(priority), 0, nextOffset++,
				request.routingKey(), "{}");
		return new Work(record, request, offsets);
	}

	private void runOne() {
		executor.remove().run();
	}

	@Test
	void oneKeyRunsOneRecordAtATimeInOffsetOrder() {
		UpstreamScheduler scheduler = scheduler(4, 50);
		for (int i = 0; i < 3; i++) {
			scheduler.submit(work("r" + i, "light.a", Priority.MEDIUM));
		}

		assertThat(executor).hasSize(1);
		runOne();
		runOne();
		runOne();

		assertThat(started).containsExactly("r0", "r1", "r2");
		assertThat(executor).isEmpty();
	}

	@Test
	void differentKeysRunInParallelUpToTheSlots() {
		UpstreamScheduler scheduler = scheduler(2, 50);
		scheduler.submit(work("a", "light.a", Priority.MEDIUM));
		scheduler.submit(work("b", "light.b", Priority.MEDIUM));
		scheduler.submit(work("c", "light.c", Priority.MEDIUM));

		assertThat(executor).hasSize(2);
	}

	@Test
	void aHigherPriorityStartsBeforeEveryWaitingLowerOne() {
		UpstreamScheduler scheduler = scheduler(1, 50);
		scheduler.submit(work("bulk-0", "e0", Priority.BULK));
		scheduler.submit(work("bulk-1", "e1", Priority.BULK));
		scheduler.submit(work("bulk-2", "e2", Priority.BULK));
		scheduler.submit(work("critical", "e3", Priority.CRITICAL));

		runOne();
		runOne();

		assertThat(started).containsExactly("bulk-0", "critical");
	}

	@Test
	void aKeysHigherPriorityRecordOvertakesItsLowerOnes() {
		UpstreamScheduler scheduler = scheduler(1, 50);
		scheduler.submit(work("bulk-0", "e", Priority.BULK));
		scheduler.submit(work("bulk-1", "e", Priority.BULK));
		scheduler.submit(work("high", "e", Priority.HIGH));

		runOne();
		runOne();
		runOne();

		assertThat(started).containsExactly("bulk-0", "high", "bulk-1");
	}

	@Test
	void underSustainedCriticalLoadBulkStillGetsOneStartPerBound() {
		UpstreamScheduler scheduler = scheduler(1, 3);
		scheduler.submit(work("c-first", "c", Priority.CRITICAL));
		scheduler.submit(work("bulk", "b", Priority.BULK));
		for (int i = 0; i < 10; i++) {
			scheduler.submit(work("c" + i, "c" + i, Priority.CRITICAL));
		}

		for (int i = 0; i < 5; i++) {
			runOne();
		}

		// c-first started at once; bulk is passed over by c0, c1, c2, then gets the next
		// start.
		assertThat(started).containsExactly("c-first", "c0", "c1", "c2", "bulk");
	}

	@Test
	void droppedRecordsOfRevokedPartitionsNeverStart() {
		UpstreamScheduler scheduler = scheduler(1, 50);
		scheduler.submit(work("running", "e", Priority.MEDIUM));
		scheduler.submit(work("queued", "e", Priority.MEDIUM));

		int dropped = scheduler.drop(Set.of(new TopicPartition(Topics.DEFAULT.requests(Priority.MEDIUM), 0)));
		runOne();

		assertThat(dropped).isEqualTo(1);
		assertThat(started).containsExactly("running");
		assertThat(executor).isEmpty();
		assertThat(backlog.buffered(Priority.MEDIUM)).isZero();
	}

}
