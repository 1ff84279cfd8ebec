package io.mcpbridge.worker.pool;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment an upstream child inherits from the worker: an allow-list, nothing
 * else.
 *
 * <p>
 * Why: a child started from a plain {@code new ProcessBuilder()} gets a copy of the
 * worker's whole environment (Kafka and Redis credentials, cloud tokens...). A
 * third-party server could hand its environment to any caller (server-everything's
 * {@code get-env} does), so children start from these variables only; the configured
 * {@code env} of the upstream is added on top and wins.
 */
final class ChildEnvironment {

	static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "JAVA_HOME");

	private ChildEnvironment() {
	}

	/** The allow-listed variables of the given (worker) environment that are set. */
	static Map<String, String> inheritedFrom(Map<String, String> workerEnvironment) {
		Map<String, String> inherited = new HashMap<>();
		for (String name : INHERITED) {
			String value = workerEnvironment.get(name);
			if (value != null) {
				inherited.put(name, value);
			}
		}
		return inherited;
	}

}
