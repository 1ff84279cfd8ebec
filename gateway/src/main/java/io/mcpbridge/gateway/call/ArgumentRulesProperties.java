package io.mcpbridge.gateway.call;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tool arguments must match which pattern before a call is queued
 * ({@link ArgumentRulesGuard}). Upstream MCP servers may put an argument into a URL path
 * or a file name unencoded (a Home Assistant MCP server builds
 * {@code /api/states/<entity_id>}), so an id such as {@code ../../health} must not reach
 * them.
 *
 * @param argumentRules argument name → regular expression (whole value) for every
 * upstream that does not set its own; the default is the Home Assistant shape:
 * {@code entity_id} must match {@code ^[a-z_]+\.[a-z0-9_]+$}
 * @param upstreams per upstream (the entries of {@code bridge.upstreams}, whose other
 * settings the workers read): {@code argument-rules} replaces the default for that
 * upstream ({@code {}}: none)
 */
@ConfigurationProperties(ArgumentRulesProperties.PREFIX)
public record ArgumentRulesProperties(Map<String, String> argumentRules, @DefaultValue List<UpstreamRules> upstreams) {

	public static final String PREFIX = "bridge";

	/** The Home Assistant shape: a domain, a dot, an object id. */
	public static final Map<String, String> HOME_ASSISTANT = Map.of("entity_id", "^[a-z_]+\\.[a-z0-9_]+$");

	public ArgumentRulesProperties {
		argumentRules = argumentRules == null ? HOME_ASSISTANT : Map.copyOf(argumentRules);
		upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
	}

	/**
	 * @param name the upstream
	 * @param argumentRules its rules; absent: the default rules
	 */
	public record UpstreamRules(String name, Map<String, String> argumentRules) {
	}

}
