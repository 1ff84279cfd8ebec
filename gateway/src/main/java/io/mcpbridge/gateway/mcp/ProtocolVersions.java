package io.mcpbridge.gateway.mcp;

import java.util.List;

/**
 * The MCP revisions the endpoint speaks, and how a request says which era it belongs to.
 */
final class ProtocolVersions {

	/**
	 * The stateless revision: no initialize, no sessions, {@code _meta} on every request.
	 */
	static final String STATELESS = "2026-07-28";

	/**
	 * Session-era revisions, newest first; the first is offered to a client asking for
	 * another.
	 */
	static final List<String> SESSION_ERA = List.of("2025-11-25", "2025-06-18", "2025-03-26");

	/**
	 * What a session-era request without the header is assumed to speak (the transport
	 * spec's rule).
	 */
	static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

	static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

	static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

	static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

	static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

	private ProtocolVersions() {
	}

	/** The version answered to an initialize asking for {@code requested}. */
	static String negotiate(String requested) {
		return SESSION_ERA.contains(requested) ? requested : SESSION_ERA.get(0);
	}

	static boolean isKnown(String version) {
		return STATELESS.equals(version) || SESSION_ERA.contains(version);
	}

}
