package io.mcpbridge.homesim.home;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code data} object of a service call, read with validation. Every failure is an
 * INVALID_ARGUMENT naming the field, like Home Assistant's own "extra keys not allowed"
 * and range checks.
 */
final class ServiceData {

	private final String service;

	private final Map<String, Object> data;

	ServiceData(String service, Map<String, Object> data) {
		this.service = service;
		this.data = data == null ? Map.of() : data;
	}

	/**
	 * Rejects fields the service does not take, so a typo is reported instead of silently
	 * ignored.
	 */
	void allowOnly(Set<String> fields) {
		Set<String> unknown = new TreeSet<>(this.data.keySet());
		unknown.removeAll(fields);
		if (!unknown.isEmpty()) {
			throw HomeException.invalid(this.service + " does not accept data field(s) " + unknown
					+ (fields.isEmpty() ? " (it takes none)" : " (accepted: " + new TreeSet<>(fields) + ")"));
		}
	}

	/**
	 * An integral number in [min, max], or null when absent. JSON may carry 120 as 120.0:
	 * both are accepted.
	 */
	Integer optionalInt(String field, int min, int max) {
		Object value = this.data.get(field);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
			throw HomeException.invalid(this.service + ": data." + field + " must be an integer, got " + value);
		}
		checkRange(field, number.doubleValue(), min, max);
		return number.intValue();
	}

	int requiredInt(String field, int min, int max) {
		Integer value = optionalInt(field, min, max);
		if (value == null) {
			throw HomeException.invalid(this.service + " requires data." + field);
		}
		return value;
	}

	double requiredNumber(String field, double min, double max) {
		Object value = this.data.get(field);
		if (!(value instanceof Number number)) {
			throw HomeException.invalid(this.service + " requires data." + field + " as a number"
					+ (value == null ? "" : ", got " + value));
		}
		checkRange(field, number.doubleValue(), min, max);
		return number.doubleValue();
	}

	String requiredChoice(String field, Iterable<String> choices) {
		Object value = this.data.get(field);
		for (String choice : choices) {
			if (choice.equals(value)) {
				return choice;
			}
		}
		throw HomeException.invalid(this.service + " requires data." + field + " in " + choices + ", got " + value);
	}

	private void checkRange(String field, double value, double min, double max) {
		if (!(value >= min && value <= max)) {
			throw HomeException.invalid(this.service + ": data." + field + " must be between " + format(min) + " and "
					+ format(max) + ", got " + format(value));
		}
	}

	private static String format(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}

}
