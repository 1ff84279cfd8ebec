package io.mcpbridge.gateway.task;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A task's status (MCP 2025-11-25). It follows the queued request: {@code working} until
 * the request has an outcome, then one of the terminal three, which never change again.
 * {@code input_required} is never stored: a live task shows it while a question of its
 * upstream waits for the client's answer (the gateway's {@code TaskInputs}).
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
