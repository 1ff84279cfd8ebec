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
 */
public record Session(@JsonProperty("id") String id, @JsonProperty("tenant") String tenant,
		@JsonProperty("upstream") String upstream, @JsonProperty("client_info") JsonNode clientInfo,
		@JsonProperty("protocol_version") String protocolVersion, @JsonProperty("created_ms") long createdEpochMs) {
}
