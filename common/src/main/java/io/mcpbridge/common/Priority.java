package io.mcpbridge.common;

import java.util.Locale;
import java.util.Optional;

/**
 * The seed's five priority levels, highest first. Each level has its own Kafka topic
 * ({@link Topics#requests(Priority)}); workers serve higher levels first.
 */
public enum Priority {

	CRITICAL, HIGH, MEDIUM, LOW, BULK;

	/**
	 * Parses a client-supplied level ({@code X-Priority}), case-insensitively; empty when
	 * unknown.
	 */
	public static Optional<Priority> parse(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException unknown) {
			return Optional.empty();
		}
	}

	/** Lower-case name, as used in topic names and metric tags. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
