package io.mcpbridge.worker.consume;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.Priority;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The seed's {@code queue_wait_time}:
 * {@code mcp_bridge_queue_wait_time_seconds{priority}}, a histogram of the time from the
 * gateway's produce (the record's timestamp) to the start of its processing here. Clocks
 * of two hosts are compared: a negative wait (skew) counts as zero.
 */
@Component
class QueueWaitMetrics {

	static final String NAME = "mcp.bridge.queue.wait.time";

	private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
			Duration.ofSeconds(30) };

	private final Map<Priority, Timer> timers = new EnumMap<>(Priority.class);

	QueueWaitMetrics(MeterRegistry registry) {
		for (Priority priority : Priority.values()) {
			timers.put(priority,
					Timer.builder(NAME)
						.description("Time from the gateway's produce to the start of processing in a worker")
						.tag("priority", priority.name().toLowerCase(Locale.ROOT))
						.serviceLevelObjectives(BUCKETS)
						.register(registry));
		}
	}

	void started(Priority priority, long producedEpochMs, long nowEpochMs) {
		timers.get(priority).record(Math.max(0, nowEpochMs - producedEpochMs), TimeUnit.MILLISECONDS);
	}

}
