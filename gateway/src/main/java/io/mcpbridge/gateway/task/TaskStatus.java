package io.mcpbridge.gateway.task;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A task's status (MCP 2025-11-25). It follows the queued request: {@code working} until
 * the request has an outcome, then one of the terminal three, which never change again.
 * ({@code input_required} exists in the specification; the bridge does not relay the
 * upstream's questions during a task, see the README.)
 */
public enum TaskStatus {

	WORKING, INPUT_REQUIRED, COMPLETED, FAILED, CANCELLED;

	@JsonValue
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean terminal() {
		return this == COMPLETED || this == FAILED || this == CANCELLED;
	}

}
