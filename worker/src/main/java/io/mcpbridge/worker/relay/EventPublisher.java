package io.mcpbridge.worker.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.worker.config.WorkerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Relays what an upstream sends during a request to its client: appends the message to
 * the request's event list (so any gateway can replay it when the client resumes its
 * stream) and publishes it to the gateway that holds the request, in one script.
 *
 * <p>
 * Upstream messages arrive on a channel's reader thread, which must never wait for Redis:
 * they are handed to one relay thread, which also keeps each request's messages in order.
 * Its queue is bounded; what does not fit is dropped and counted (progress is advisory).
 * The list is bounded per request too.
 */
@Component
public class EventPublisher implements DisposableBean {

	/**
	 * Events kept per request; a request that emits more gets the rest dropped (counted).
	 */
	static final int MAX_EVENTS_PER_REQUEST = 1000;

	private static final int QUEUE_CAPACITY = 10_000;

	private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

	private static final RedisScript<Long> APPEND_AND_PUBLISH = RedisScript.of("""
			local length = redis.call('LLEN', KEYS[1])
			if length >= tonumber(ARGV[3]) then return 0 end
			length = redis.call('RPUSH', KEYS[1], ARGV[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			redis.call('PUBLISH', ARGV[4], ARGV[5] .. length .. '}')
			return length
			""", Long.class);

	private final StringRedisTemplate redis;

	private final Duration resultsTtl;

	private final ThreadPoolExecutor relayThread;

	private final Counter dropped;

	EventPublisher(StringRedisTemplate redis, WorkerProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.resultsTtl = properties.results().ttl();
		this.dropped = Counter.builder("mcp.worker.relay.dropped")
			.description("Upstream messages not relayed to their client: relay queue or event list full")
			.register(meters);
		this.relayThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
					Thread thread = new Thread(runnable, "mcp-relay");
					thread.setDaemon(true);
					return thread;
				}, (task, executor) -> dropped.increment());
	}

	/** Queues the message for the request's client; returns at once. */
	CompletableFuture<Void> publish(RequestEnvelope request, JsonNode message) {
		return run(() -> append(request, message));
	}

	/** Runs a Redis step on the relay thread, after everything queued before it. */
	CompletableFuture<Void> run(Runnable step) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		relayThread.execute(() -> {
			try {
				step.run();
				done.complete(null);
			}
			catch (RuntimeException ex) {
				log.warn("could not relay an upstream message: {}", ex.toString());
				done.completeExceptionally(ex);
			}
		});
		return done;
	}

	private void append(RequestEnvelope request, JsonNode message) {
		long keepMs = Math.max(0, request.deadlineEpochMs() - System.currentTimeMillis()) + resultsTtl.toMillis();
		String messageJson = BridgeJson.mapper().writeValueAsString(message);
		String events = RedisKeys.events(request.tenant(), request.sessionId(), request.requestId());
		Long position = redis.execute(APPEND_AND_PUBLISH, List.of(events), messageJson, Long.toString(keepMs),
				Integer.toString(MAX_EVENTS_PER_REQUEST), RedisKeys.eventChannel(request.replyTo()),
				eventPrefix(request, message));
		if (position == null || position == 0) {
			dropped.increment();
		}
	}

	/**
	 * The published {@code CallEvent} up to its sequence number, which only the script
	 * knows.
	 */
	private static String eventPrefix(RequestEnvelope request, JsonNode message) {
		ObjectNode event = BridgeJson.mapper().createObjectNode();
		event.put("request_id", request.requestId());
		event.put("tenant", request.tenant());
		event.set("message", message);
		String json = BridgeJson.mapper().writeValueAsString(event);
		return json.substring(0, json.length() - 1) + ",\"seq\":";
	}

	@Override
	public void destroy() {
		relayThread.shutdown();
	}

}
