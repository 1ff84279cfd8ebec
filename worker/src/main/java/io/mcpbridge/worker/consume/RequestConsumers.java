package io.mcpbridge.worker.consume;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mcpbridge.common.Priority;
import io.mcpbridge.common.Topics;
import io.mcpbridge.worker.config.WorkerProperties;
import io.mcpbridge.worker.pool.UpstreamPools;
import io.mcpbridge.worker.reply.ReplyPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The worker's consumption of every request topic: {@code kafka.concurrency} poll threads
 * ({@link ConsumerLoop}), one scheduler per upstream ({@link UpstreamScheduler}) and one
 * executor whose size is the sum of the pools' largest sizes, on which requests run.
 * Starts after the upstream pools and stops before them; stopping lets running requests
 * finish (up to {@code drain-timeout}) and commits their offsets.
 */
@Component
class RequestConsumers implements SmartLifecycle, BufferedRequests {

	/**
	 * After the pools ({@code UpstreamPools.PHASE}), like spring-kafka's listener
	 * containers.
	 */
	static final int PHASE = Integer.MAX_VALUE - 100;

	private final ConsumerFactory<String, String> consumers;

	private final WorkerProperties properties;

	private final RecordIntake intake;

	private final Map<String, UpstreamScheduler> schedulers = new LinkedHashMap<>();

	private final Backlog backlog;

	private final ThreadPoolExecutor executor;

	private final List<ConsumerLoop> loops = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private final Topics topics;

	private volatile boolean running;

	RequestConsumers(ConsumerFactory<String, String> consumers, WorkerProperties properties, UpstreamPools pools,
			RequestProcessor processor, DeadLetters deadLetters, ReplyPublisher replies, MeterRegistry meters,
			Topics topics) {
		this.consumers = consumers;
		this.topics = topics;
		this.properties = properties;
		WorkerProperties.Scheduling scheduling = properties.scheduling();
		this.backlog = new Backlog(scheduling.maxBufferedPerPriority(), meters);
		int slots = pools.concurrency().values().stream().mapToInt(Integer::intValue).sum();
		// Never more tasks than slots: each scheduler starts at most its pool's largest
		// size at once.
		this.executor = new ThreadPoolExecutor(slots, slots, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(slots),
				named("mcp-request-"));
		pools.concurrency()
			.forEach((upstream, size) -> schedulers.put(upstream,
					new UpstreamScheduler(size, scheduling.starvationBound(), executor, processor::process, backlog)));
		this.intake = new RecordIntake(schedulers, deadLetters, replies, properties.worker().id());
	}

	@Override
	public Map<Priority, Integer> bufferedByPriority() {
		Map<Priority, Integer> buffered = new EnumMap<>(Priority.class);
		for (Priority priority : Priority.values()) {
			buffered.put(priority, backlog.buffered(priority));
		}
		return buffered;
	}

	@Override
	public synchronized void start() {
		for (int i = 0; i < properties.kafka().concurrency(); i++) {
			ConsumerLoop loop = new ConsumerLoop(
					consumers.createConsumer(topics.workerGroup(), properties.worker().id(), "-" + i, overrides()),
					topics.allRequestTopics(), intake, schedulers.values(), backlog,
					properties.scheduling().drainTimeout());
			Thread thread = new Thread(loop, "mcp-consumer-" + i);
			loops.add(loop);
			threads.add(thread);
			thread.start();
		}
		running = true;
	}

	@Override
	public synchronized void stop() {
		running = false;
		loops.forEach(ConsumerLoop::stop);
		long wait = properties.scheduling().drainTimeout().plusSeconds(10).toMillis();
		for (Thread thread : threads) {
			try {
				thread.join(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		executor.shutdownNow();
		loops.clear();
		threads.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/*
	 * RangeAssignor gives partition i of every request topic to the same consumer, which
	 * keeps one entity's records of all priorities on one worker. Offsets are committed
	 * by the loops only.
	 */
	private Properties overrides() {
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		overrides.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
		overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
				String.valueOf(Math.min(500, properties.scheduling().maxBufferedPerPriority())));
		return overrides;
	}

	private static java.util.concurrent.ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
