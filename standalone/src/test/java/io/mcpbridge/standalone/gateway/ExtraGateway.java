package io.mcpbridge.standalone.gateway;

import io.mcpbridge.standalone.BridgeHttp;
import java.util.ArrayList;
import java.util.List;

import io.mcpbridge.gateway.GatewayApplication;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more gateway replica on the shared Redis, with its own settings (as
 * QueueUnavailableIT starts one).
 */
public final class ExtraGateway implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private ExtraGateway(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * @param kafkaBootstrap the broker it produces to (the stack's, or a parked one
	 * nobody consumes)
	 * @param settings more {@code name=value} settings
	 */
	public static ExtraGateway start(String kafkaBootstrap, int redisPort, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafkaBootstrap, "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redisPort, "--bridge.kafka.partitions=" + ParkedKafka.PARTITIONS));
		for (String setting : settings) {
			arguments.add("--" + setting);
		}
		return new ExtraGateway(GatewayApplication.builder().run(arguments.toArray(String[]::new)));
	}

	public BridgeHttp http() {
		return new BridgeHttp(port());
	}

	public int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Override
	public void close() {
		context.close();
	}

}
