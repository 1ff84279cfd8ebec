package io.mcpbridge.gateway.reply;

import io.mcpbridge.common.BridgeJson;
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
 * Subscribes this gateway instance to its own reply channel. Pub/sub delivers at most
 * once: a reply published while the subscription is down is lost, which is why a timeout
 * first reads the result key ({@link ResultReader}).
 */
@Configuration(proxyBeanMethods = false)
class ReplySubscriptionConfig {

	private static final Logger log = LoggerFactory.getLogger(ReplySubscriptionConfig.class);

	@Bean
	RedisMessageListenerContainer replyListenerContainer(RedisConnectionFactory connections,
			GatewayProperties properties, PendingReplies pending) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.addMessageListener(new ReplyListener(pending),
				new ChannelTopic(RedisKeys.replyChannel(properties.gatewayId())));
		return container;
	}

	private record ReplyListener(PendingReplies pending) implements MessageListener {

		@Override
		public void onMessage(Message message, byte[] pattern) {
			ReplyEnvelope reply;
			try {
				reply = BridgeJson.mapper().readValue(message.getBody(), ReplyEnvelope.class);
			}
			catch (RuntimeException undecodable) {
				log.warn("ignoring an undecodable reply: {}", undecodable.getMessage());
				return;
			}
			pending.complete(reply);
		}
	}

}
