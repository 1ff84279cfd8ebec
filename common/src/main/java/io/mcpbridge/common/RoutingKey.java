package io.mcpbridge.common;

/**
 * The Kafka record key {@code <tenant>/<upstream>/<entity>}: records with one key land on
 * one partition, so writes to one entity are ordered. The entity part is free text from
 * the client (an entity id such as {@code light.kitchen}); tenant and upstream are
 * validated names.
 */
public final class RoutingKey {

	private RoutingKey() {
	}

	public static String of(String tenant, String upstream, String entity) {
		if (entity == null || entity.isEmpty()) {
			throw new IllegalArgumentException("entity must not be empty");
		}
		return Identifiers.requireName("tenant", tenant) + "/" + Identifiers.requireName("upstream", upstream) + "/"
				+ entity;
	}

}
