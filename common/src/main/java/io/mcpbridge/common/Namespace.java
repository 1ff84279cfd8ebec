package io.mcpbridge.common;

import java.util.regex.Pattern;

/**
 * A deployment's namespace ({@code bridge.namespace}): what keeps two bridges on one
 * Kafka cluster and one Redis apart. It prefixes the names that are global to a
 * deployment (request and dead-letter topics, the workers' consumer group, the workers'
 * status reports); tenant-scoped keys need no prefix, they are apart by tenant and random
 * ids. The default, empty, adds nothing: today's names exactly.
 * <p>
 * Lower-case letters, digits and '-' only, at most {@value #MAX_LENGTH} characters: legal
 * in a Kafka topic name and a Redis key, and free of the separators both use ('.' and '_'
 * collide in Kafka's metric names, ':' separates Redis key segments), so that no
 * namespace's names can equal another's.
 *
 * @param name the namespace, {@code ""} for none
 */
public record Namespace(String name) {

	/** The longest namespace: it leaves room under Kafka's 249-character topic limit. */
	public static final int MAX_LENGTH = 48;

	/** No namespace: the names of a single deployment. */
	public static final Namespace NONE = new Namespace("");

	private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_LENGTH - 1) + "}");

	public Namespace {
		name = name == null ? "" : name;
		if (!name.isEmpty() && !ALLOWED.matcher(name).matches()) {
			throw new IllegalArgumentException("bridge.namespace must be empty or 1-" + MAX_LENGTH
					+ " lower-case letters, digits or '-', starting with a letter or digit; got '" + shown(name) + "'");
		}
	}

	/** The start of a rejected value, enough to find it in the configuration. */
	private static String shown(String value) {
		String start = value.length() > MAX_LENGTH + 8 ? value.substring(0, MAX_LENGTH + 8) + "..." : value;
		return start.replaceAll("\\p{Cntrl}", "?");
	}

	/** The namespace of {@code bridge.namespace}; null or blank for none. */
	public static Namespace of(String name) {
		return name == null || name.isBlank() ? NONE : new Namespace(name);
	}

	public boolean isNone() {
		return name.isEmpty();
	}

	/** Put before a Kafka topic or consumer group name: {@code "<name>."}, or nothing. */
	String kafkaPrefix() {
		return isNone() ? "" : name + ".";
	}

	/** Put before a global Redis key: {@code "<name>:"}, or nothing. */
	String redisPrefix() {
		return isNone() ? "" : name + ":";
	}

}
