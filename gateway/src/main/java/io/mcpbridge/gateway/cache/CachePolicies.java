package io.mcpbridge.gateway.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.mcpbridge.common.Methods;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.config.GatewayProperties.ToolCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The cache policy of each tool: the configured one ({@code bridge.cache.tools}), else
 * from the upstream's annotations: {@code readOnlyHint: true} is cached for
 * {@code default-ttl}, anything else is a write. A configured TTL of 0 on a read-only
 * tool keeps it uncached without making it a write.
 *
 * <p>
 * The annotations come from tools/list. When a call names a tool that is not configured
 * and the upstream's tools are not known yet, the caller's tools/list fetch runs first
 * (itself cached for an hour); if that fails the tool is treated as a write: never
 * cached, and it invalidates its entity, which can only cost hits, never serve stale
 * data.
 */
@Component
public class CachePolicies {

	private static final Logger log = LoggerFactory.getLogger(CachePolicies.class);

	private final Map<String, ToolCache> configured;

	private final Duration defaultTtl;

	private final ToolAnnotations annotations;

	CachePolicies(GatewayProperties properties) {
		GatewayProperties.Cache cache = properties.cache();
		this.configured = cache.tools()
			.stream()
			.collect(Collectors.toUnmodifiableMap(ToolCache::name, Function.identity(), (first, second) -> first));
		this.defaultTtl = cache.defaultTtl();
		this.annotations = new ToolAnnotations(positive(toolsList().ttl()) ? toolsList().ttl() : defaultTtl);
	}

	/** The policy of tools/list (not a write, whatever it says). */
	public CachePolicy toolsList() {
		ToolCache policy = configured.get(Methods.TOOLS_LIST);
		return policy == null ? new CachePolicy(Duration.ofHours(1), false) : new CachePolicy(policy.ttl(), false);
	}

	/**
	 * The tool's policy, fetching the upstream's tools/list first when it is needed and
	 * unknown.
	 * @param toolsList fetches the upstream's tools/list result (through the cache)
	 */
	public CompletableFuture<CachePolicy> resolve(String upstream, String tool,
			Supplier<CompletableFuture<JsonNode>> toolsList) {
		Optional<CachePolicy> known = known(upstream, tool);
		if (known.isPresent()) {
			return CompletableFuture.completedFuture(known.get());
		}
		return toolsList.get().handle((result, failure) -> {
			if (failure != null) {
				log.debug("tools of upstream {} unknown ({}): treating {} as a write", upstream, failure.toString(),
						tool);
				return CachePolicy.WRITE;
			}
			learn(upstream, result);
			return known(upstream, tool).orElse(CachePolicy.WRITE);
		});
	}

	/** The policy when configuration or known annotations decide it. */
	Optional<CachePolicy> known(String upstream, String tool) {
		ToolCache policy = configured.get(tool);
		Optional<Boolean> readOnly = annotations.readOnly(upstream, tool);
		if (policy != null && positive(policy.ttl())) {
			return Optional.of(new CachePolicy(policy.ttl(), false));
		}
		if (policy != null) {
			// Configured never to be cached: a write unless the upstream says it only
			// reads.
			return Optional.of(readOnly.orElse(false) ? CachePolicy.UNCACHED_READ : CachePolicy.WRITE);
		}
		return readOnly.map(isReadOnly -> isReadOnly ? new CachePolicy(defaultTtl, false) : CachePolicy.WRITE);
	}

	static boolean positive(Duration duration) {
		return !duration.isZero() && !duration.isNegative();
	}

	/** Records the annotations of a tools/list result of this upstream. */
	public void learn(String upstream, JsonNode toolsListResult) {
		annotations.learn(upstream, toolsListResult);
	}

}
