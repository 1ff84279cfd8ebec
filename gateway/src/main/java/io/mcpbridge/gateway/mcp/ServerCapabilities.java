package io.mcpbridge.gateway.mcp;

import java.util.List;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The capabilities the bridge announces for an upstream: the upstream's own, minus the
 * promises the bridge cannot keep across shared processes and replicas, plus logging,
 * which the bridge handles per session. Every field of the revisions' server capabilities
 * is decided here (the README's capability table says why):
 * <ul>
 * <li>{@code tools}, {@code resources}, {@code prompts}, {@code completions}: kept, they
 * are plain request/response;</li>
 * <li>{@code listChanged}, {@code subscribe}: removed, change notifications and resource
 * update subscriptions arrive outside any request, on a process many sessions share;</li>
 * <li>{@code tasks} (and the 2026 {@code extensions}, where the tasks extension lives):
 * removed, a task an upstream process holds would be polled on another process; the
 * bridge announces its own tasks where it serves them ({@code initialize} in
 * {@link SessionEra}, {@code server/discover} in {@link StatelessEra});</li>
 * <li>{@code experimental}: removed, non-standard promises the bridge cannot check;</li>
 * <li>anything else unknown: removed for the same reason.</li>
 * </ul>
 */
final class ServerCapabilities {

	/** The fields the bridge carries from the upstream's capabilities. */
	static final List<String> CARRIED = List.of("tools", "resources", "prompts", "completions", "logging");

	private ServerCapabilities() {
	}

	static ObjectNode of(JsonNode upstream) {
		ObjectNode capabilities = BridgeJson.mapper().createObjectNode();
		if (upstream != null && upstream.isObject()) {
			for (String field : CARRIED) {
				if (upstream.has(field)) {
					capabilities.set(field, upstream.get(field).deepCopy());
				}
			}
		}
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
