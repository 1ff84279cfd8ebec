package io.mcpbridge.gateway.mcp;

import java.util.Set;

import io.mcpbridge.common.Methods;
import io.mcpbridge.gateway.cache.CacheAnswer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 2026-07-28 caching hints ({@code ttlMs}, {@code cacheScope}) that results of the
 * listing and reading methods must carry; strict clients reject such a result without
 * them.
 */
final class CacheHints {

	/** The methods whose complete results the revision calls cacheable. */
	static final Set<String> CACHEABLE_METHODS = Set.of(StatelessEra.DISCOVER, Methods.TOOLS_LIST, Methods.PROMPTS_LIST,
			Methods.RESOURCES_LIST, Methods.RESOURCES_TEMPLATES_LIST, Methods.RESOURCES_READ);

	private CacheHints() {
	}

	/**
	 * Adds the hints. When the bridge's cache holds the result, {@code ttlMs} is what is
	 * left of its freshness: the bridge itself serves nothing newer before then.
	 * Otherwise the upstream's own hint stays, or 0 (immediately stale): the bridge
	 * promises nothing it does not know. The scope is always {@code private}: one
	 * upstream serves many tenants, and what it answers one of them is not meant for a
	 * shared cache.
	 */
	static void add(ObjectNode result, CacheAnswer cache) {
		Long freshUntil = cache == null || cache.stale() ? null : cache.freshUntilEpochMs();
		if (freshUntil != null) {
			result.put("ttlMs", Math.max(0, freshUntil - System.currentTimeMillis()));
		}
		else if (!result.path("ttlMs").isIntegralNumber() || result.get("ttlMs").asLong() < 0) {
			result.put("ttlMs", 0);
		}
		result.put("cacheScope", "private");
	}

}
