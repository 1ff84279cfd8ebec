package io.mcpbridge.gateway.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A client session as stored in Redis. It costs no upstream process: it only remembers which
 * upstream the client talks to and what it announced at initialize.
 *
 * @param id session id (visible ASCII, unguessable when generated)
 * @param tenant owner
 * @param upstream the upstream chosen at initialize
 * @param clientInfo what the client sent as clientInfo
 * @param protocolVersion the protocol version agreed at initialize
 * @param createdEpochMs creation time
 * @param capabilities what the client declared at initialize (MCP endpoint), null for the REST API
 * @param logLevel the level the client set with {@code logging/setLevel}, null until it does
 */
public record Session(@JsonProperty("id") String id, @JsonProperty("tenant") String tenant,
		@JsonProperty("upstream") String upstream, @JsonProperty("client_info") JsonNode clientInfo,
		@JsonProperty("protocol_version") String protocolVersion, @JsonProperty("created_ms") long createdEpochMs,
		@JsonProperty("capabilities") JsonNode capabilities, @JsonProperty("log_level") String logLevel) {

	/** A session of the REST API. */
	public Session(String id, String tenant, String upstream, JsonNode clientInfo, String protocolVersion,
			long createdEpochMs) {
		this(id, tenant, upstream, clientInfo, protocolVersion, createdEpochMs, null, null);
	}

	public Session withLogLevel(String level) {
		return new Session(id, tenant, upstream, clientInfo, protocolVersion, createdEpochMs, capabilities, level);
	}
}
