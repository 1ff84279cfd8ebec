package io.mcpbridge.gateway.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import io.mcpbridge.common.RedisKeys;
import io.mcpbridge.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Hands the events workers publish on this gateway's event channel to the exchange of
 * their request. Bounded like the pending replies: an exchange is registered only while
 * its request is pending.
 */
@Component
class EventRouter {

	private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

	private final Map<String, McpExchange> exchanges = new ConcurrentHashMap<>();

	void register(McpExchange exchange) {
		exchanges.put(exchange.requestId(), exchange);
	}

	void unregister(String requestId) {
		exchanges.remove(requestId);
	}

	void deliver(CallEvent event) {
		McpExchange exchange = exchanges.get(event.requestId());
		if (exchange != null) {
			exchange.onEvent(event);
		}
	}

	int streams() {
		return exchanges.size();
	}

	@Configuration(proxyBeanMethods = false)
	static class Subscription {

		@Bean
		RedisMessageListenerContainer eventListenerContainer(RedisConnectionFactory connections,
				GatewayProperties properties, EventRouter router) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connections);
			container.addMessageListener((message, pattern) -> {
				CallEvent event;
				try {
					event = BridgeJson.mapper().readValue(message.getBody(), CallEvent.class);
				}
				catch (RuntimeException undecodable) {
					log.warn("ignoring an undecodable event: {}", undecodable.getMessage());
					return;
				}
				router.deliver(event);
			}, new ChannelTopic(RedisKeys.eventChannel(properties.gatewayId())));
			return container;
		}

	}

}
