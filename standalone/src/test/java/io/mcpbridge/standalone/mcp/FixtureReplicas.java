package io.mcpbridge.standalone.mcp;

import java.util.Map;

import io.mcpbridge.standalone.StandaloneOptions;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.gateway.ExtraGateway;

/**
 * A stack whose upstream is the conformance fixture, with a second gateway replica on the same
 * Kafka and Redis: for tests where a client's requests cross replicas.
 */
final class FixtureReplicas implements AutoCloseable {

	private final StandaloneStack stack;

	private final ExtraGateway second;

	private FixtureReplicas(StandaloneStack stack, ExtraGateway second) {
		this.stack = stack;
		this.second = second;
	}

	static FixtureReplicas start() throws Exception {
		StandaloneStack stack = StandaloneStack.start(new StandaloneOptions(0, 0, 6379, 0, 2, 2, 4, true, Map.of()));
		try {
			return new FixtureReplicas(stack, ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort()));
		}
		catch (Exception | Error failed) {
			stack.close();
			throw failed;
		}
	}

	int firstPort() {
		return stack.gatewayPort();
	}

	int secondPort() {
		return second.port();
	}

	@Override
	public void close() {
		second.close();
		stack.close();
	}
}
