package io.mcpbridge.gateway.call;

import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What a tool call answers when its upstream fails, by tool name, under {@value #PREFIX}
 * (the seed's {@code fallback_strategies}). Without configuration, the seed's:
 * {@code get_entities} answers its stale cached entry if the cache still has one
 * (stale-if-error), else an empty list flagged {@code degraded: true};
 * {@code call_service} fails fast with the upstream's reason. A tool not listed gets the
 * cache's stale-if-error only.
 *
 * @param tools fallback of each tool, by tool name
 */
@Validated
@ConfigurationProperties(FallbackProperties.PREFIX)
public record FallbackProperties(Map<String, @Valid Fallback> tools) {

	public static final String PREFIX = "bridge.fallbacks";

	/** The empty answer of the seed's {@code get_entities}: no entity. */
	static final String EMPTY_ENTITIES = "{\"content\":[{\"type\":\"text\",\"text\":\"[]\"}],"
			+ "\"structuredContent\":{\"entities\":[],\"count\":0}}";

	public FallbackProperties {
		tools = tools == null ? Map.of("get_entities", new Fallback(Strategy.CACHED_OR_EMPTY, EMPTY_ENTITIES),
				"call_service", new Fallback(Strategy.FAIL_FAST, null)) : Map.copyOf(tools);
	}

	public enum Strategy {

		/** The cache's stale-if-error, else the upstream's error. */
		CACHED,

		/**
		 * The cache's stale-if-error, else {@code empty-result} flagged
		 * {@code degraded: true}.
		 */
		CACHED_OR_EMPTY,

		/** The upstream's error as it is: no fallback answer. */
		FAIL_FAST

	}

	/**
	 * @param strategy what to answer when the upstream fails
	 * @param emptyResult the MCP tool result (JSON) answered by {@code CACHED_OR_EMPTY}
	 * when nothing is cached
	 */
	public record Fallback(@NotNull Strategy strategy, String emptyResult) {

		@AssertTrue(message = "bridge.fallbacks.tools.<tool>.empty-result must be a JSON object "
				+ "(an MCP tool result) when the strategy is cached-or-empty")
		public boolean isEmptyResultValid() {
			if (strategy != Strategy.CACHED_OR_EMPTY) {
				return true;
			}
			try {
				return emptyResult != null && BridgeJson.mapper().readTree(emptyResult).isObject();
			}
			catch (RuntimeException notJson) {
				return false;
			}
		}
	}

}
