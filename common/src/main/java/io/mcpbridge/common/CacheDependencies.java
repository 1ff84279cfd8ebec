package io.mcpbridge.common;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Which cached reads a tool call depends on, and which a write invalidates, as field
 * names of the {@link RedisKeys#cacheVersions version hash}. Shared by the gateway (reads
 * record the versions of their fields) and the worker (a write bumps its fields), so both
 * derive them alike from the arguments.
 *
 * <ul>
 * <li>{@value #EPOCH}: the cache's epoch; every entry depends on it. It is
 * (re)initialized at random when absent, so entries that survived a loss of the version
 * hash (or an L1 that outlived a Redis restart) are never taken as valid.</li>
 * <li>{@value #ANY_WRITE_WITHOUT_ENTITY}: bumped by a write that names no entity (it
 * might touch anything); every tool read depends on it.</li>
 * <li>{@code e:<bucket of the entity_id>}: reads of one entity ({@code get_entity_state},
 * {@code get_history}).</li>
 * <li>{@code d:<bucket of the domain>}: reads of one domain ({@code get_entities} with
 * {@code domain}); an entity's domain is the part of its id before the first dot.</li>
 * <li>{@value #ALL_ENTITIES}: reads of every entity ({@code get_entities} without a
 * filter).</li>
 * </ul>
 * A write on entity E bumps {@code e:E}, {@code d:<domain of E>} and
 * {@value #ALL_ENTITIES}.
 * <p>
 * Entity ids and domains come from clients, so they are not field names themselves: each
 * is hashed into one of {@value #ENTITY_BUCKETS} (or {@value #DOMAIN_BUCKETS}) buckets.
 * The version hash of a tenant and upstream thus never holds more than about 4,400
 * fields, whatever ids clients send; two entities in one bucket only invalidate each
 * other's cached reads (a miss more, never a stale answer).
 */
public final class CacheDependencies {

	public static final String ENTITY_ARGUMENT = "entity_id";

	public static final String DOMAIN_ARGUMENT = "domain";

	public static final String EPOCH = "*";

	public static final String ANY_WRITE_WITHOUT_ENTITY = "w";

	public static final String ALL_ENTITIES = "a";

	/** Buckets of entity fields in one version hash. */
	public static final int ENTITY_BUCKETS = 4096;

	/** Buckets of domain fields in one version hash. */
	public static final int DOMAIN_BUCKETS = 256;

	private CacheDependencies() {
	}

	/** The fields a read with these arguments depends on (the epoch first). */
	public static List<String> ofRead(JsonNode arguments) {
		String entity = text(arguments, ENTITY_ARGUMENT);
		if (entity != null) {
			return List.of(EPOCH, ANY_WRITE_WITHOUT_ENTITY, entityField(entity));
		}
		String domain = text(arguments, DOMAIN_ARGUMENT);
		if (domain != null) {
			return List.of(EPOCH, ANY_WRITE_WITHOUT_ENTITY, domainField(domain));
		}
		return List.of(EPOCH, ANY_WRITE_WITHOUT_ENTITY, ALL_ENTITIES);
	}

	/**
	 * The fields of a tools/list entry: only the epoch (a write does not change the
	 * tools).
	 */
	public static List<String> ofToolsList() {
		return List.of(EPOCH);
	}

	/** The fields a write with these arguments bumps. */
	public static List<String> ofWrite(JsonNode arguments) {
		String entity = text(arguments, ENTITY_ARGUMENT);
		if (entity == null) {
			return List.of(ANY_WRITE_WITHOUT_ENTITY);
		}
		return List.of(entityField(entity), domainField(domainOf(entity)), ALL_ENTITIES);
	}

	/** {@code light.kitchen} → {@code light}; an id without a dot is its own domain. */
	public static String domainOf(String entityId) {
		int dot = entityId.indexOf('.');
		return dot < 0 ? entityId : entityId.substring(0, dot);
	}

	/** The version field of one entity's reads. */
	public static String entityField(String entity) {
		return "e:" + Integer.toHexString(Math.floorMod(entity.hashCode(), ENTITY_BUCKETS));
	}

	/** The version field of one domain's reads. */
	public static String domainField(String domain) {
		return "d:" + Integer.toHexString(Math.floorMod(domain.hashCode(), DOMAIN_BUCKETS));
	}

	private static String text(JsonNode arguments, String name) {
		JsonNode value = arguments == null ? null : arguments.get(name);
		return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
	}

}
