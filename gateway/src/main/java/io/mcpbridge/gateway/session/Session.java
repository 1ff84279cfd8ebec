package io.mcpbridge.gateway.session;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A client session as stored in Redis. It costs no upstream process: it only remembers
 * which upstream the client talks to and what it announced at initialize.
 *
 * @param id session id (visible ASCII, unguessable when generated)
 * @param tenant owner
 * @param upstream the upstream chosen at initialize
 * @param clientInfo what the client sent as clientInfo
 * @param protocolVersion the protocol version agreed at initialize
 * @param createdEpochMs creation time
 * @param lastSeenEpochMs when it was last used, to within
 * {@code bridge.sessions.last-seen-interval} (0 in sessions stored before this field
 * existed)
 * @param idleTtlMs how long it lives unused; fixed at creation, so that every replica
 * slides it alike (0 in sessions stored before this field existed: the replica's
 * configured idle TTL applies)
 * @param capabilities what the client declared at initialize (MCP endpoint), null for the
 * REST API
 * @param logLevel the level the client set with {@code logging/setLevel}, null until it
 * does
 * @param owner who created it ({@code key:<hash prefix>} or {@code jwt:<subject>}); only
 * its owner may use it. Null in open mode (and in sessions stored before owners existed)
 */
public record Session(@JsonProperty("id") String id, @JsonProperty("tenant") String tenant,
		@JsonProperty("upstream") String upstream, @JsonProperty("client_info") JsonNode clientInfo,
		@JsonProperty("protocol_version") String protocolVersion, @JsonProperty("created_ms") long createdEpochMs,
		@JsonProperty("last_seen_ms") long lastSeenEpochMs, @JsonProperty("idle_ttl_ms") long idleTtlMs,
		@JsonProperty("capabilities") JsonNode capabilities, @JsonProperty("log_level") String logLevel,
		@JsonProperty("owner") String owner) {

	/** A session of the REST API created now. */
	public static Session start(String id, String tenant, String upstream, JsonNode clientInfo, String protocolVersion,
			long nowEpochMs, long idleTtlMs) {
		return start(id, tenant, upstream, clientInfo, protocolVersion, nowEpochMs, idleTtlMs, null);
	}

	/**
	 * A session created now, with the capabilities its client declared (MCP endpoint).
	 */
	public static Session start(String id, String tenant, String upstream, JsonNode clientInfo, String protocolVersion,
			long nowEpochMs, long idleTtlMs, JsonNode capabilities) {
		return new Session(id, tenant, upstream, clientInfo, protocolVersion, nowEpochMs, nowEpochMs, idleTtlMs,
				capabilities, null, null);
	}

	/** The same session, owned by {@code newOwner}. */
	public Session ownedBy(String newOwner) {
		return new Session(id, tenant, upstream, clientInfo, protocolVersion, createdEpochMs, lastSeenEpochMs,
				idleTtlMs, capabilities, logLevel, newOwner);
	}

	/** Whether {@code caller} (null in open mode) owns it. */
	public boolean isOwnedBy(String caller) {
		return Objects.equals(owner, caller);
	}

	/** The same session, seen at {@code nowEpochMs}. */
	Session seenAt(long nowEpochMs) {
		return new Session(id, tenant, upstream, clientInfo, protocolVersion, createdEpochMs, nowEpochMs, idleTtlMs,
				capabilities, logLevel, owner);
	}

	/** The same session with the client's {@code logging/setLevel}. */
	public Session withLogLevel(String level) {
		return new Session(id, tenant, upstream, clientInfo, protocolVersion, createdEpochMs, lastSeenEpochMs,
				idleTtlMs, capabilities, level, owner);
	}

	/** When it expires unless used again, judged from its stored last use. */
	@JsonIgnore
	long expiresEpochMs() {
		return lastSeenEpochMs + idleTtlMs;
	}
}
