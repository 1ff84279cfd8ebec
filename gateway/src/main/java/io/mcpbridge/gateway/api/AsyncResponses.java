package io.mcpbridge.gateway.api;

import java.net.URI;
import java.util.Locale;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ResponseEntity;

/**
 * RFC 7240 {@code Prefer: respond-async} and the 202 answers of asynchronous requests.
 */
final class AsyncResponses {

	static final String PREFER = "Prefer";

	static final String PREFERENCE_APPLIED = "Preference-Applied";

	static final String RESPOND_ASYNC = "respond-async";

	/** How often a client should poll a pending request, in seconds. */
	static final String POLL_AFTER_SECONDS = "1";

	private AsyncResponses() {
	}

	/**
	 * Whether a {@code Prefer} header asks for an asynchronous answer (other preferences
	 * are ignored).
	 */
	static boolean respondAsync(String prefer) {
		if (prefer == null) {
			return false;
		}
		for (String preference : prefer.split(",")) {
			String token = preference.split(";", 2)[0].split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
			if (RESPOND_ASYNC.equals(token)) {
				return true;
			}
		}
		return false;
	}

	static URI location(String requestId) {
		return URI.create("/mcp/requests/" + requestId);
	}

	/** 202 with where to fetch the result; the body names the request. */
	static ResponseEntity<JsonNode> accepted(String requestId) {
		return acceptedBuilder(requestId).body(body(requestId));
	}

	/** The answer to a POST that asked for {@code respond-async}. */
	static ResponseEntity<JsonNode> acceptedAsPreferred(String requestId) {
		return acceptedBuilder(requestId).header(PREFERENCE_APPLIED, RESPOND_ASYNC).body(body(requestId));
	}

	private static ResponseEntity.BodyBuilder acceptedBuilder(String requestId) {
		return ResponseEntity.accepted()
			.location(location(requestId))
			.header(org.springframework.http.HttpHeaders.RETRY_AFTER, POLL_AFTER_SECONDS);
	}

	private static JsonNode body(String requestId) {
		ObjectNode body = BridgeJson.mapper().createObjectNode();
		body.put("request_id", requestId);
		body.put("status", "pending");
		return body;
	}

}
