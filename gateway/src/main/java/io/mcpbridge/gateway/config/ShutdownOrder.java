package io.mcpbridge.gateway.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * On SIGTERM the web server's graceful shutdown lets the requests in hand finish; they
 * wait for replies that arrive through Redis pub/sub. Spring stops lifecycle beans from
 * the highest phase down, and a Redis listener container's default phase is the highest:
 * it would unsubscribe first, and every request still held would then wait out its
 * deadline. Its phase is put below the web server's, so subscriptions start before
 * traffic and stop after the last request is answered.
 */
@Configuration(proxyBeanMethods = false)
class ShutdownOrder {

	/**
	 * Below the graceful shutdown (MAX - 1024) and the web server's stop (MAX - 2048).
	 */
	static final int SUBSCRIPTIONS_PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 4096;

	@Bean
	static BeanPostProcessor subscriptionsStopAfterTheWebServer() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof RedisMessageListenerContainer container) {
					container.setPhase(SUBSCRIPTIONS_PHASE);
				}
				return bean;
			}
		};
	}

}
