package io.mcpbridge.worker.pool;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * The SDK's stdio transport with two changes the pool needs: the child starts from an allow-listed
 * environment ({@link ChildEnvironment}) instead of a copy of the worker's, and the started
 * {@link Process} is reachable, so the pool can detect a crash and kill what is left at shutdown.
 */
final class BridgeStdioTransport extends StdioClientTransport {

	/**
	 * The SDK keeps the process in a private field and offers no accessor. Reading it is the only way
	 * to get the exact process this transport started (diffing ProcessHandle children would race
	 * with concurrent starts). If a future SDK renames it, {@link #process()} is empty and the pool
	 * falls back to the transport's own close.
	 */
	private static final Field PROCESS = processField();

	private final Map<String, String> inheritedEnvironment;

	BridgeStdioTransport(ServerParameters params, McpJsonMapper jsonMapper, Map<String, String> inheritedEnvironment) {
		super(params, jsonMapper);
		this.inheritedEnvironment = Map.copyOf(inheritedEnvironment);
	}

	@Override
	protected ProcessBuilder getProcessBuilder() {
		ProcessBuilder builder = new ProcessBuilder();
		builder.environment().clear();
		builder.environment().putAll(inheritedEnvironment);
		return builder;
	}

	Optional<Process> process() {
		if (PROCESS == null) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable((Process) PROCESS.get(this));
		}
		catch (IllegalAccessException ex) {
			return Optional.empty();
		}
	}

	private static Field processField() {
		try {
			Field field = StdioClientTransport.class.getDeclaredField("process");
			field.setAccessible(true);
			return field;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}
}
