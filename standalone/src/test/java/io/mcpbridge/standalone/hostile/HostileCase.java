package io.mcpbridge.standalone.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One hostile request and what must answer it.
 *
 * @param name what the case tries
 * @param head request line and headers ({@code {sid}}: a REST session, {@code {msid}}: an
 * MCP session, replaced when sent)
 * @param body the body; null: none
 * @param statuses the HTTP statuses allowed (usually one)
 * @param code the stable error code: the REST body's {@code error.code}, or the JSON-RPC
 * error's {@code data.bridge_code}; null when only {@code rpcCode} applies
 * @param rpcCode the JSON-RPC error code expected on the MCP endpoint; null on the REST
 * API
 */
record HostileCase(String name, String head, byte[] body, Set<Integer> statuses, String code, Integer rpcCode) {

	static final String MCP_HEADERS = "\r\nHost: localhost\r\nAccept: application/json, text/event-stream"
			+ "\r\nContent-Type: application/json";

	static HostileCase rest(String name, String head, String body, int status, String code) {
		return new HostileCase(name, head, bytes(body), Set.of(status), code, null);
	}

	static HostileCase restCall(String name, String body, int status, String code) {
		return rest(name, "POST /mcp/tools/call HTTP/1.1\r\nHost: localhost\r\nX-Session-ID: {sid}", body, status,
				code);
	}

	static HostileCase mcp(String name, String extraHeaders, String body, int status, Integer rpcCode,
			String bridgeCode) {
		return new HostileCase(name, "POST /mcp HTTP/1.1" + MCP_HEADERS + extraHeaders, bytes(body), Set.of(status),
				bridgeCode, rpcCode);
	}

	static HostileCase mcpInSession(String name, String body, int status, Integer rpcCode, String bridgeCode) {
		return mcp(name, "\r\nMcp-Session-Id: {msid}\r\nMCP-Protocol-Version: 2025-11-25", body, status, rpcCode,
				bridgeCode);
	}

	HostileCase orStatus(int another) {
		return new HostileCase(name, head, body, Set.of(statuses.iterator().next(), another), code, rpcCode);
	}

	private static byte[] bytes(String body) {
		return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return name;
	}

}
