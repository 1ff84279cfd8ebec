package io.mcpbridge.homesim.home;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The entity domains this home knows. The id is the prefix of an entity_id
 * ({@code light.kitchen}).
 */
public enum Domain {

	LIGHT, SWITCH, SENSOR, CLIMATE, COVER, BINARY_SENSOR, AUTOMATION;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @throws HomeException UNKNOWN_DOMAIN, listing the known ids
	 */
	public static Domain parse(String id) {
		for (Domain domain : values()) {
			if (domain.id().equals(id)) {
				return domain;
			}
		}
		throw new HomeException(HomeException.Kind.UNKNOWN_DOMAIN,
				"Unknown domain: " + id + " (known: " + knownIds() + ")");
	}

	/**
	 * The domain of an entity_id; UNKNOWN_ENTITY if it has no known domain prefix (so the
	 * message names the entity).
	 */
	static Domain ofEntity(String entityId) {
		int dot = entityId.indexOf('.');
		if (dot > 0) {
			for (Domain domain : values()) {
				if (domain.id().equals(entityId.substring(0, dot))) {
					return domain;
				}
			}
		}
		throw new HomeException(HomeException.Kind.UNKNOWN_ENTITY, "Unknown entity: " + entityId);
	}

	public static String knownIds() {
		return Arrays.stream(values()).map(Domain::id).collect(Collectors.joining(", "));
	}

}
