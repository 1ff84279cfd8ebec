package io.mcpbridge.gateway.limits;

import java.util.concurrent.Executors;

import io.mcpbridge.gateway.config.GatewayProperties;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * What bounds a request before any handler sees it: the body's time and rate
 * ({@link SlowBodyFilter}), and Tomcat's own refusals answered as JSON
 * ({@link JsonErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfig {

	/**
	 * After Spring Security's filter chain (order -100), so that a caller is
	 * authenticated on the request's first dispatch, before its body is received.
	 */
	static final int FILTER_ORDER = -90;

	@Bean
	FilterRegistrationBean<SlowBodyFilter> slowBodyFilter(GatewayProperties properties, UploadLimits limits) {
		int maxBody = (int) Math.min(Integer.MAX_VALUE - 8, properties.http().maxBodySize().toBytes());
		FilterRegistrationBean<SlowBodyFilter> registration = new FilterRegistrationBean<>(new SlowBodyFilter(maxBody,
				limits, Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("upload-pace-"))));
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		registration.setAsyncSupported(true);
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
			}
		});
	}

}
