package io.mcpbridge.gateway.protocol;

import java.util.List;

/**
 * The MCP revisions the bridge speaks, and how a request says which era it belongs to.
 * Shared by the MCP endpoint and the REST API's {@code initialize}, which negotiate
 * alike.
 */
public final class ProtocolVersions {

	/**
	 * The stateless revision: no initialize, no sessions, {@code _meta} on every request.
	 */
	public static final String STATELESS = "2026-07-28";

	/**
	 * Session-era revisions, newest first; the first is offered to a client asking for
	 * another.
	 */
	public static final List<String> SESSION_ERA = List.of("2025-11-25", "2025-06-18", "2025-03-26");

	/**
	 * What a session-era request without the header is assumed to speak (the transport
	 * spec's rule).
	 */
	public static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

	public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

	public static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

	public static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

	public static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

	private ProtocolVersions() {
	}

	/** The version answered to an initialize asking for {@code requested}. */
	public static String negotiate(String requested) {
		return requested != null && SESSION_ERA.contains(requested) ? requested : SESSION_ERA.get(0);
	}

	public static boolean isKnown(String version) {
		return version != null && (STATELESS.equals(version) || SESSION_ERA.contains(version));
	}

}
