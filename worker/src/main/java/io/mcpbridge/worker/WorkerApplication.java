package io.mcpbridge.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The worker: consumes request envelopes from Kafka, runs them on pooled stdio MCP
 * clients and publishes the replies to Redis.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

	/**
	 * The worker's application builder. Its config file is {@code worker.yaml}, not
	 * {@code application.yaml}, so that the standalone module can run gateway and worker
	 * contexts in one JVM without one picking up the other's configuration.
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(WorkerApplication.class).properties("spring.config.name=worker");
	}

	public static void main(String[] args) {
		builder().run(args);
	}

}
