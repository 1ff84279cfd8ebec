package io.mcpbridge.standalone;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One standalone stack (real Kafka broker, real Redis, worker with home-sim subprocesses,
 * gateway) shared by every test class of this module, started on first use and closed
 * after the last test.
 */
public class SharedStack implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == StandaloneStack.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.create(SharedStack.class))
			.computeIfAbsent("stack", key -> start(), StandaloneStack.class);
	}

	private static StandaloneStack start() {
		try {
			// Any free ports; 4 partitions keep the broker light for tests; a fixed pool
			// of 2 keeps the
			// process count (and the tests' timing) independent of bursts.
			return StandaloneStack.start(new StandaloneOptions(0, 0, 6379, 0, 2, 2, 4));
		}
		catch (Exception failure) {
			throw new IllegalStateException("could not start the standalone stack", failure);
		}
	}

}
