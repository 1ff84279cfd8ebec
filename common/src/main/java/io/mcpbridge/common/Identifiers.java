package io.mcpbridge.common;

import java.util.regex.Pattern;

/**
 * Validation of the identifiers that end up inside Kafka keys and Redis keys. Keeping
 * them to a safe alphabet means a client can never forge another tenant's key (no '{',
 * '}', '/' or spaces).
 */
public final class Identifiers {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

	private Identifiers() {
	}

	/**
	 * Tenant and upstream names: 1–64 characters of letters, digits, '.', '_' and '-'.
	 */
	public static boolean isValidName(String value) {
		return value != null && NAME.matcher(value).matches();
	}

	/**
	 * Session and request ids: 1–128 characters of letters, digits, '.', '_', ':', '@'
	 * and '-'.
	 */
	public static boolean isValidId(String value) {
		return value != null && ID.matcher(value).matches();
	}

	public static String requireName(String what, String value) {
		if (!isValidName(value)) {
			throw new IllegalArgumentException(what + " must match " + NAME.pattern() + ": " + value);
		}
		return value;
	}

	public static String requireId(String what, String value) {
		if (!isValidId(value)) {
			throw new IllegalArgumentException(what + " must match " + ID.pattern() + ": " + value);
		}
		return value;
	}

}
