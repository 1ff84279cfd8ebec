package io.mcpbridge.standalone.gateway;

import io.mcpbridge.standalone.BridgeHttp;

/**
 * Countable effects in home-sim: a toggle is not idempotent and each execution adds one
 * snapshot to the light's history, so the history length counts executions.
 */
final class Home {

	/** A light the other test classes of this module leave alone. */
	static final String LIGHT = "light.garden";

	private final BridgeHttp http;

	private final String session;

	Home(BridgeHttp http, String session) {
		this.http = http;
		this.session = session;
	}

	static String toggle(String requestId) {
		return "{\"name\":\"call_service\",\"request_id\":\"" + requestId
				+ "\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\",\"entity_id\":\"" + LIGHT + "\"}}";
	}

	/**
	 * How many snapshots the light's history holds (one per executed toggle, plus the
	 * initial one).
	 */
	int historyLength() {
		BridgeHttp.Response response = http.post("/mcp/tools/call",
				"{\"name\":\"get_history\",\"arguments\":{\"entity_id\":\"" + LIGHT + "\"}}", "X-Session-ID", session);
		if (response.status() != 200) {
			throw new AssertionError("get_history failed: " + response);
		}
		return response.json().path("result").path("structuredContent").path("count").asInt(-1);
	}

}
