package io.mcpbridge.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The stateless HTTP gateway: any replica serves any session. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	/**
	 * The application with its own config file name ({@code gateway.yaml}), so that it
	 * can share a JVM and a classpath with the worker (the standalone module runs both).
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=gateway");
	}

	public static void main(String[] args) {
		builder().run(args);
	}

}
