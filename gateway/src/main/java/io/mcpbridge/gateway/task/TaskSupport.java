package io.mcpbridge.gateway.task;

import java.util.Locale;

/**
 * A tool's {@code execution.taskSupport} (MCP 2025-11-25): whether a client may, must or
 * must not call it as a task.
 */
public enum TaskSupport {

	FORBIDDEN, OPTIONAL, REQUIRED;

	/** The wire value. */
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	static TaskSupport parse(String value) {
		for (TaskSupport support : values()) {
			if (support.wire().equals(value)) {
				return support;
			}
		}
		throw new IllegalArgumentException("task support must be forbidden, optional or required: " + value);
	}

}
