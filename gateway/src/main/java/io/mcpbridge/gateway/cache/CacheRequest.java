package io.mcpbridge.gateway.cache;

import java.util.Objects;

import io.mcpbridge.common.Identifiers;
import tools.jackson.databind.JsonNode;

/**
 * One read, as the cache sees it, whatever API it came through.
 *
 * @param tenant whose entry it is (part of the key: tenants never share entries)
 * @param upstream the MCP server
 * @param tool the tool, or null for tools/list
 * @param arguments the tool's arguments, may be null
 * @param policy the tool's policy
 * @param control the client's {@code X-Cache-Control}
 */
public record CacheRequest(String tenant, String upstream, String tool, JsonNode arguments, CachePolicy policy,
		CacheControl control) {

	public CacheRequest {
		Identifiers.requireName("tenant", tenant);
		Identifiers.requireName("upstream", upstream);
		Objects.requireNonNull(policy, "policy");
		control = control == null ? CacheControl.NONE : control;
	}

	public static CacheRequest toolsList(String tenant, String upstream, CachePolicy policy, CacheControl control) {
		return new CacheRequest(tenant, upstream, null, null, policy, control);
	}

	boolean isToolsList() {
		return tool == null;
	}
}
