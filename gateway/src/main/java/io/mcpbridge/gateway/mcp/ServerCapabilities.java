package io.mcpbridge.gateway.mcp;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The capabilities the bridge announces for an upstream: the upstream's own, minus the
 * promises the bridge cannot keep across shared processes and replicas (change
 * notifications and resource update subscriptions arrive outside any request, on a
 * process many sessions share), plus logging, which the bridge handles per session.
 */
final class ServerCapabilities {

	private ServerCapabilities() {
	}

	static ObjectNode of(JsonNode upstream) {
		ObjectNode capabilities = upstream != null && upstream.isObject() ? ((ObjectNode) upstream).deepCopy()
				: BridgeJson.mapper().createObjectNode();
		for (String feature : new String[] { "tools", "resources", "prompts" }) {
			if (capabilities.get(feature) instanceof ObjectNode object) {
				object.remove("listChanged");
				object.remove("subscribe");
			}
		}
		if (!capabilities.has("logging")) {
			capabilities.putObject("logging");
		}
		return capabilities;
	}

}
