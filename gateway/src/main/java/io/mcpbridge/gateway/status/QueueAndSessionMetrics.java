package io.mcpbridge.gateway.status;

import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.mcpbridge.common.Priority;
import io.mcpbridge.gateway.session.SessionStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The seed's queue and session gauges, read from the same cached sources as
 * {@code /mcp/status} (so a scrape costs Kafka and Redis at most one read per cache
 * period): {@code mcp_bridge_queue_size_current{priority}} (requests queued and not yet
 * done: the workers' consumer-group lag on the priority's topic),
 * {@code mcp_bridge_queue_produced{priority}} (requests ever queued: the topic's end
 * offsets) and {@code mcp_bridge_active_sessions}. NaN while Kafka or Redis does not
 * answer.
 */
@Component
class QueueAndSessionMetrics implements MeterBinder {

	private final QueueOffsets queue;

	private final CachedValue<Long> activeSessions;

	QueueAndSessionMetrics(QueueOffsets queue, SessionStore sessions, StatusProperties properties) {
		this.queue = queue;
		this.activeSessions = new CachedValue<>(sessions::countActive, properties.cacheTtl());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Priority priority : Priority.values()) {
			String tag = priority.name().toLowerCase(Locale.ROOT);
			Gauge
				.builder("mcp.bridge.queue.size.current", this,
						metrics -> metrics.topic(priority, QueueOffsets.TopicOffsets::lag))
				.description("Requests queued on the priority's topic and not yet done (consumer-group lag)")
				.tag("priority", tag)
				.register(registry);
			Gauge
				.builder("mcp.bridge.queue.produced", this,
						metrics -> metrics.topic(priority, QueueOffsets.TopicOffsets::endOffset))
				.description("Requests ever queued on the priority's topic (end offsets, summed over partitions)")
				.tag("priority", tag)
				.register(registry);
		}
		Gauge.builder("mcp.bridge.active.sessions", this, QueueAndSessionMetrics::sessions)
			.description("Sessions used within their idle TTL, all gateways")
			.register(registry);
	}

	private double topic(Priority priority, ToDoubleFunction<QueueOffsets.TopicOffsets> field) {
		try {
			Map<Priority, QueueOffsets.TopicOffsets> offsets = queue.byPriority();
			QueueOffsets.TopicOffsets topic = offsets.get(priority);
			return topic == null ? Double.NaN : field.applyAsDouble(topic);
		}
		catch (RuntimeException kafkaDown) {
			return Double.NaN;
		}
	}

	private double sessions() {
		try {
			return activeSessions.get();
		}
		catch (RuntimeException redisDown) {
			return Double.NaN;
		}
	}

}
