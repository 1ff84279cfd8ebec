package io.mcpbridge.worker.relay;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Cancellation;
import io.mcpbridge.common.InputAnswer;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The worker's two subscriptions: its own input channel (clients' answers to its
 * upstreams' requests) and the broadcast cancellation channel. A worker must start and
 * serve while Redis is down (its requests then fail and are retried), so subscribing is
 * retried in the background rather than failing start-up. A malformed message is logged
 * and dropped.
 */
@Component
class RelaySubscriptions implements SmartLifecycle {

	private static final long RETRY_SECONDS = 2;

	private static final Logger log = LoggerFactory.getLogger(RelaySubscriptions.class);

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "mcp-relay-subscribe");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean running;

	RelaySubscriptions(RedisConnectionFactory connections, WorkerProperties properties, InputRequests inputs,
			Cancellations cancellations) {
		container.setConnectionFactory(connections);
		container.addMessageListener((message, pattern) -> {
			InputAnswer answer = decode(message, InputAnswer.class);
			if (answer != null) {
				inputs.answer(answer);
			}
		}, new ChannelTopic(RedisKeys.inputChannel(properties.worker().id())));
		container.addMessageListener((message, pattern) -> {
			Cancellation cancellation = decode(message, Cancellation.class);
			if (cancellation != null) {
				cancellations.cancel(cancellation);
			}
		}, new ChannelTopic(RedisKeys.cancellationChannel()));
		container.afterPropertiesSet();
	}

	@Override
	public void start() {
		running = true;
		retries.execute(this::subscribe);
	}

	@Override
	public void stop() {
		running = false;
		retries.shutdownNow();
		container.stop();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void subscribe() {
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			if (running) {
				log.warn("could not subscribe to the relay channels ({}); retrying in {} s", ex.getMessage(),
						RETRY_SECONDS);
				retries.schedule(this::subscribe, RETRY_SECONDS, TimeUnit.SECONDS);
			}
		}
	}

	private static <T> T decode(Message message, Class<T> type) {
		try {
			return BridgeJson.mapper().readValue(message.getBody(), type);
		}
		catch (RuntimeException ex) {
			log.warn("dropped a malformed {} message: {}", type.getSimpleName(), ex.toString());
			return null;
		}
	}

}
