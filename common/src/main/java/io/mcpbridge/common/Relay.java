package io.mcpbridge.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the client of one request can receive while it runs, so a worker relays only that:
 * the REST API receives nothing (it answers with one JSON body); a Streamable HTTP client
 * with an SSE stream receives notifications, and the requests its declared capabilities
 * allow.
 *
 * @param events progress and log notifications
 * @param sampling {@code sampling/createMessage} requests
 * @param elicitation {@code elicitation/create} requests
 * @param roots {@code roots/list} requests
 * @param logLevel the least severe log message the client wants
 * ({@code logging/setLevel}), null for all
 * @param stateless the client speaks 2026-07-28: it gets log messages only at the level
 * its request asked for (none without one), it takes the upstream's requests as
 * input-required results, and a request it cannot take is reported too (so the gateway
 * can name the capability it lacks)
 */
public record Relay(@JsonProperty("events") boolean events, @JsonProperty("sampling") boolean sampling,
		@JsonProperty("elicitation") boolean elicitation, @JsonProperty("roots") boolean roots,
		@JsonProperty("log_level") String logLevel, @JsonProperty("stateless") boolean stateless) {

	public static final Relay NONE = new Relay(false, false, false, false, null, false);

	/** A session-era client's relay. */
	public Relay(boolean events, boolean sampling, boolean elicitation, boolean roots, String logLevel) {
		this(events, sampling, elicitation, roots, logLevel, false);
	}

	/** The RFC 5424 severities MCP log messages use, least severe first. */
	private static final java.util.List<String> LEVELS = java.util.List.of("debug", "info", "notice", "warning",
			"error", "critical", "alert", "emergency");

	/**
	 * Whether a log message of {@code level} passes the client's level; unknown levels
	 * pass.
	 */
	public boolean logs(String level) {
		if (!events || (stateless && logLevel == null)) {
			return false;
		}
		int wanted = logLevel == null ? -1 : LEVELS.indexOf(logLevel);
		int severity = level == null ? -1 : LEVELS.indexOf(level);
		return wanted < 0 || severity < 0 || severity >= wanted;
	}

	public static boolean isLogLevel(String level) {
		return level != null && LEVELS.contains(level);
	}

	/**
	 * Whether the upstream may ask this client anything (sampling, elicitation, roots)
	 * during the call.
	 */
	public boolean mayAskClient() {
		return sampling || elicitation || roots;
	}

	/** Whether the client can answer this request from the upstream. */
	public boolean accepts(String serverRequestMethod) {
		return switch (serverRequestMethod) {
			case "sampling/createMessage" -> sampling;
			case "elicitation/create" -> elicitation;
			case "roots/list" -> roots;
			default -> false;
		};
	}
}
