package io.mcpbridge.gateway.mcp;

/**
 * Header names of the MCP endpoint that are not the transport's session and version
 * headers.
 */
final class McpHeaders {

	/** 2026-07-28: the method, mirrored from the body for load balancers. */
	static final String METHOD = "Mcp-Method";

	/** 2026-07-28: the tool, prompt or resource name, mirrored from the body. */
	static final String NAME = "Mcp-Name";

	/**
	 * A tool parameter mirrored as a header ({@code x-mcp-header}); {@code entity_id}
	 * names the entity, and with it the Kafka key, when the arguments cannot be read by a
	 * load balancer.
	 */
	static final String ENTITY_PARAM = "Mcp-Param-Entity-Id";

	private McpHeaders() {
	}

}
