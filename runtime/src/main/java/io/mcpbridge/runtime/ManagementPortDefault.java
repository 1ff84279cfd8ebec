package io.mcpbridge.runtime;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Probes and metrics live on the management port: 9090 by default (the seed's monitoring
 * port), or any free port when the traffic port is 0 (tests and the standalone's
 * throw-away stacks start several apps in one JVM or on one machine, and a fixed 9090
 * would collide). An explicit {@code management.server.port} (argument, environment,
 * config file) always wins: this is only the lowest-precedence default.
 */
public class ManagementPortDefault implements EnvironmentPostProcessor, Ordered {

	/** The seed's monitoring port (DESIGN.md: probes and metrics on 9090). */
	public static final int DEFAULT_MANAGEMENT_PORT = 9090;

	static final String SOURCE_NAME = "mcpBridgeManagementPortDefault";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("management.server.port") || !environment.containsProperty("server.port")) {
			// No traffic port configured: not one of the bridge's web apps (or a test
			// slice); leave it.
			return;
		}
		boolean anyTrafficPort = "0".equals(environment.getProperty("server.port", "").trim());
		int port = anyTrafficPort ? 0 : DEFAULT_MANAGEMENT_PORT;
		environment.getPropertySources()
			.addLast(new MapPropertySource(SOURCE_NAME, Map.of("management.server.port", port)));
	}

	@Override
	public int getOrder() {
		// After the config data (yaml) and the seed config file are in the environment.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
