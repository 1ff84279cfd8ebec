package io.mcpbridge.homesim.home;

import java.util.Map;

/**
 * One service of a domain ({@code light.turn_on}): its description, the data fields it
 * accepts (name to human-readable description) and how it changes an entity.
 */
record Service(String domain, String name, String description, Map<String, String> fields, Handler handler) {

	Service {
		fields = Map.copyOf(fields);
	}

	/**
	 * Computes the next state of an entity; throws HomeException for bad data. Pure: the
	 * caller stamps the time.
	 */
	@FunctionalInterface
	interface Handler {

		Change apply(EntityState current, ServiceData data);

	}

	/** The new state string and the full new attribute map. */
	record Change(String state, Map<String, Object> attributes) {
	}

	ServiceInfo info() {
		return new ServiceInfo(this.domain, this.name, this.description, this.fields);
	}

}
