package io.mcpbridge.homesim;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.mcpbridge.homesim.home.HomeException;

/**
 * The arguments of one tool call, read with validation. The server does its own checks
 * instead of the SDK's schema validation so that every call, valid or not, goes through
 * the same path (latency, call log) and every failure message names the argument.
 */
final class ToolArguments {

	private final String tool;

	private final Map<String, Object> values;

	ToolArguments(String tool, Map<String, Object> values, Set<String> accepted) {
		this.tool = tool;
		this.values = values == null ? Map.of() : values;
		Set<String> unknown = new TreeSet<>(this.values.keySet());
		unknown.removeAll(accepted);
		if (!unknown.isEmpty()) {
			throw invalid("unknown argument(s) " + unknown + "; accepted: " + new TreeSet<>(accepted));
		}
	}

	String requiredString(String name) {
		String value = optionalString(name);
		if (value == null || value.isBlank()) {
			throw invalid("'" + name + "' is required");
		}
		return value;
	}

	String optionalString(String name) {
		Object value = this.values.get(name);
		if (value != null && !(value instanceof String)) {
			throw invalid("'" + name + "' must be a string, got " + value);
		}
		return (String) value;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> optionalObject(String name) {
		Object value = this.values.get(name);
		if (value != null && !(value instanceof Map)) {
			throw invalid("'" + name + "' must be an object, got " + value);
		}
		return (Map<String, Object>) value;
	}

	Object raw(String name) {
		return this.values.get(name);
	}

	/**
	 * ISO-8601 with an offset ({@code 2026-01-01T00:00:00Z} or {@code ...+01:00}), or
	 * null when absent.
	 */
	Instant optionalInstant(String name) {
		String value = optionalString(name);
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw invalid("'" + name + "' must be an ISO-8601 date-time with offset, got '" + value + "'");
		}
	}

	private HomeException invalid(String message) {
		return new HomeException(HomeException.Kind.INVALID_ARGUMENT, this.tool + ": " + message);
	}

}
