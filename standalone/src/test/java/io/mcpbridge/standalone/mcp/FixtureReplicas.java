package io.mcpbridge.standalone.mcp;

import java.util.Map;

import io.mcpbridge.standalone.StandaloneOptions;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.gateway.ExtraGateway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stack whose upstream is the conformance fixture, with a second gateway replica on the
 * same Kafka and Redis, for the tests of one class ({@code @RegisterExtension} on a
 * static field): for tests where a client's requests cross replicas.
 */
final class FixtureReplicas implements BeforeAllCallback, AfterAllCallback {

	private StandaloneStack stack;

	private ExtraGateway second;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		stack = StandaloneStack.start(new StandaloneOptions(0, 0, 6379, 0, 2, 2, 4, true, Map.of()));
		second = ExtraGateway.start(stack.kafkaBootstrap(), stack.redisPort());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (second != null) {
			second.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	int firstPort() {
		return stack.gatewayPort();
	}

	int secondPort() {
		return second.port();
	}

}
