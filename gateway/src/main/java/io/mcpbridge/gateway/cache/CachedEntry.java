package io.mcpbridge.gateway.cache;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;

/**
 * A cached result, as stored in L1 and (as JSON) in L2. It is kept past its freshness for
 * the stale-if-error grace, and is only ever served while {@link #versions} match the
 * version hash.
 *
 * @param result the MCP result object
 * @param storedEpochMs when it was fetched
 * @param freshUntilEpochMs when it stops being fresh ({@code cache_expires})
 * @param versions the dependency versions it was read under
 */
record CachedEntry(@JsonProperty("result") JsonNode result, @JsonProperty("stored_ms") long storedEpochMs,
		@JsonProperty("fresh_until_ms") long freshUntilEpochMs,
		@JsonProperty("versions") Map<String, String> versions) {

	CachedEntry {
		versions = versions == null ? Map.of() : Map.copyOf(versions);
	}

	static CachedEntry fromJson(String json) {
		return BridgeJson.mapper().readValue(json, CachedEntry.class);
	}

	String toJson() {
		return BridgeJson.mapper().writeValueAsString(this);
	}

	boolean isFresh(long nowEpochMs) {
		return nowEpochMs < freshUntilEpochMs;
	}

	long ageMs(long nowEpochMs) {
		return Math.max(0, nowEpochMs - storedEpochMs);
	}

	/** Whether no write touched its dependencies since it was read. */
	boolean isValidUnder(Versions current) {
		return current != null && current.hasEpoch() && current.values().equals(versions);
	}
}
