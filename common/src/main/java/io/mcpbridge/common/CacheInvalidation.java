package io.mcpbridge.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a worker announces on {@link RedisKeys#cacheInvalidationChannel()} after a write,
 * once it has bumped these fields of the version hash: every gateway drops the L1 entries
 * that depend on them.
 *
 * @param tenant the write's tenant
 * @param upstream the write's upstream
 * @param fields the bumped fields ({@link CacheDependencies#ofWrite})
 */
public record CacheInvalidation(@JsonProperty("tenant") String tenant, @JsonProperty("upstream") String upstream,
		@JsonProperty("fields") List<String> fields) {

	public CacheInvalidation {
		Identifiers.requireName("tenant", tenant);
		Identifiers.requireName("upstream", upstream);
		fields = fields == null ? List.of() : List.copyOf(fields);
	}
}
