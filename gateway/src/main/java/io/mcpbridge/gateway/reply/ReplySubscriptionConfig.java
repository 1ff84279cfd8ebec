package io.mcpbridge.gateway.reply;

import java.util.function.Consumer;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.common.ReplyEnvelope;
import io.mcpbridge.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes this gateway instance to its own reply and event channels, on one
 * subscription connection: the push half of {@link RequestFollower}. Pub/sub delivers at
 * most once: what is published while the subscription is down is lost, which is why
 * followers fall back to the result key and the event list.
 */
@Configuration(proxyBeanMethods = false)
class ReplySubscriptionConfig {

	private static final Logger log = LoggerFactory.getLogger(ReplySubscriptionConfig.class);

	@Bean
	RedisMessageListenerContainer replyListenerContainer(RedisConnectionFactory connections,
			GatewayProperties properties, PendingReplies pending, EventPushes events) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.addMessageListener(new Decoding<>(ReplyEnvelope.class, pending::complete),
				new ChannelTopic(RedisKeys.replyChannel(properties.gatewayId())));
		container.addMessageListener(new Decoding<>(CallEvent.class, events::deliver),
				new ChannelTopic(RedisKeys.eventChannel(properties.gatewayId())));
		return container;
	}

	private record Decoding<T>(Class<T> type, Consumer<T> target) implements MessageListener {

		@Override
		public void onMessage(Message message, byte[] pattern) {
			T decoded;
			try {
				decoded = BridgeJson.mapper().readValue(message.getBody(), type);
			}
			catch (RuntimeException undecodable) {
				log.warn("ignoring an undecodable {}: {}", type.getSimpleName(), undecodable.getMessage());
				return;
			}
			target.accept(decoded);
		}
	}

}
