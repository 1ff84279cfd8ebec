package io.mcpbridge.standalone.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.mcpbridge.standalone.hostile.HostileCase.mcp;
import static io.mcpbridge.standalone.hostile.HostileCase.mcpInSession;
import static io.mcpbridge.standalone.hostile.HostileCase.rest;
import static io.mcpbridge.standalone.hostile.HostileCase.restCall;

/**
 * The hostile-input table: what clients tried on 2026-12-03 and more of the same kind,
 * over the REST API and the MCP endpoint. Read it as a list: name, request, expected
 * status and code.
 */
final class HostileCases {

	static final String INVALID = "INVALID_REQUEST";

	/**
	 * Not a bridge error: the upstream ran the call and answered a tool error
	 * ({@code result.isError}).
	 */
	static final String TOOL_ERROR = "TOOL_ERROR";

	/** Entity ids an upstream must never see (Home Assistant shape: domain.object_id). */
	static final List<String> BAD_ENTITY_IDS = List.of("../../health", "..%2F..%2Fhealth", "light.kitchen/../x",
			"light/kitchen", "LIGHT.kitchen", "light.Kitchen", "light.", ".kitchen", "light", "light..kitchen",
			"light.kitchen\\n", "light.kitchen?x=1", "light.kitchen#x", "light kitchen", "light.kitchen;rm",
			"light.ki%74chen", "l".repeat(300) + ".x", "light.kitchen\\u0000");

	/** JSON-RPC ids that are neither a string nor an integer. */
	static final List<String> BAD_IDS = List.of("{}", "{\"a\":1}", "[]", "[1]", "true", "false", "1.5",
			"\"" + "i".repeat(300) + "\"");

	/** Bodies that are no JSON at all. */
	static final List<String> MALFORMED = List.of("{", "}", "{\"name\":", "{\"name\" \"x\"}", "{'name':'x'}",
			"{\"name\":\"x\",}", "nul", "{\"a\":tru}", "\u00ff\u00fe", "{\"n\":" + "9".repeat(2000) + "}");

	private HostileCases() {
	}

	static List<HostileCase> all() {
		List<HostileCase> cases = new ArrayList<>();
		restBodies(cases);
		restHeadersAndPaths(cases);
		restInitialize(cases);
		mcpMessages(cases);
		mcpTransport(cases);
		containerLevel(cases);
		return cases;
	}

	private static void restBodies(List<HostileCase> cases) {
		for (String malformed : MALFORMED) {
			cases.add(restCall("REST malformed body " + abbreviate(malformed), malformed, 400, INVALID));
		}
		cases.add(restCall("REST body is an array", "[]", 400, INVALID));
		cases.add(restCall("REST body is a string", "\"x\"", 400, INVALID));
		cases.add(restCall("REST body is a number", "123", 400, INVALID));
		cases.add(restCall("REST body without name", "{}", 400, INVALID));
		cases.add(restCall("REST name is a number", "{\"name\":5}", 400, INVALID));
		cases.add(restCall("REST name is empty", "{\"name\":\"\"}", 400, INVALID));
		cases.add(restCall("REST arguments is an array", "{\"name\":\"get_entities\",\"arguments\":[]}", 400, INVALID));
		cases.add(restCall("REST arguments is a string", "{\"name\":\"get_entities\",\"arguments\":\"x\"}", 400,
				INVALID));
		cases.add(restCall("REST request_id with a path", "{\"name\":\"get_entities\",\"request_id\":\"../../x\"}", 400,
				INVALID));
		cases.add(restCall("REST request_id of 129 characters",
				"{\"name\":\"get_entities\",\"request_id\":\"" + "r".repeat(129) + "\"}", 400, INVALID));
		cases
			.add(restCall("REST request_id is a number", "{\"name\":\"get_entities\",\"request_id\":5}", 400, INVALID));
		for (int depth : new int[] { 101, 500, 501, 5000 }) {
			cases.add(restCall("REST arguments nested " + depth + " deep",
					"{\"name\":\"get_entity_state\",\"arguments\":" + nested(depth) + "}", 400, INVALID));
		}
		for (String entity : BAD_ENTITY_IDS) {
			cases.add(restCall("REST get_entity_state entity_id " + abbreviate(entity),
					"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"" + entity + "\"}}", 400, INVALID));
		}
		cases.add(restCall("REST call_service on entity ../../health",
				"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"turn_on\","
						+ "\"entity_id\":\"../../health\"}}",
				400, INVALID));
		cases.add(restCall("REST entity_id is a number",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":5}}", 400, INVALID));
		cases.add(restCall("REST entity_id is an object",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":{\"a\":1}}}", 400, INVALID));
		// The cached success of the plain call must not answer it: the live call fails.
		cases.add(restCall("REST get_entity_state with a bogus argument is not served from the cache",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\",\"bogus\":\"x\"}}", 200,
				TOOL_ERROR));
		cases.add(restCall("REST unknown tool", "{\"name\":\"no_such_tool\",\"arguments\":{}}", 400,
				"UPSTREAM_REJECTED"));
		// Just under the body limit: Kafka takes it (the upstream then answers a tool
		// error for the unknown argument); never 503 QUEUE_UNAVAILABLE with Retry-After.
		cases.add(restCall("REST body just under 1 MB reaches the upstream",
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\",\"pad\":\""
						+ "p".repeat(1_048_576 - 200) + "\"}}",
				200, TOOL_ERROR));
		cases.add(restCall("REST body over 1 MB",
				"{\"name\":\"get_entities\",\"arguments\":{\"pad\":\"" + "p".repeat(1_048_576 + 10) + "\"}}", 413,
				"PAYLOAD_TOO_LARGE"));
	}

	private static void restHeadersAndPaths(List<HostileCase> cases) {
		String call = "{\"name\":\"get_entities\",\"arguments\":{\"domain\":\"light\"}}";
		cases.add(rest("REST no session header", "POST /mcp/tools/call HTTP/1.1\r\nHost: localhost", call, 404,
				"SESSION_ID_MISSING"));
		cases.add(rest("REST unknown session", "POST /mcp/tools/call HTTP/1.1\r\nHost: localhost\r\nX-Session-ID: nope",
				call, 404, "SESSION_NOT_FOUND"));
		cases.add(rest("REST session id with a path",
				"POST /mcp/tools/call HTTP/1.1\r\nHost: localhost\r\nX-Session-ID: ../../etc", call, 404,
				"SESSION_NOT_FOUND"));
		cases.add(rest("REST session id of 300 characters",
				"POST /mcp/tools/call HTTP/1.1\r\nHost: localhost\r\nX-Session-ID: " + "s".repeat(300), call, 404,
				"SESSION_NOT_FOUND"));
		String session = "POST /mcp/tools/call HTTP/1.1\r\nHost: localhost\r\nX-Session-ID: {sid}";
		cases.add(rest("REST unknown priority", session + "\r\nX-Priority: URGENT", call, 400, INVALID));
		cases.add(rest("REST timeout not a number", session + "\r\nX-Timeout: soon", call, 400, INVALID));
		cases.add(rest("REST negative timeout", session + "\r\nX-Timeout: -5", call, 400, INVALID));
		cases.add(rest("REST cache max-age not a number", session + "\r\nX-Cache-Control: max-age=abc", call, 400,
				INVALID));
		cases.add(rest("REST idempotency key with a path", session + "\r\nIdempotency-Key: ../x", call, 400, INVALID));
		cases.add(rest("REST idempotency key differs from request_id", session + "\r\nIdempotency-Key: a-1",
				"{\"name\":\"get_entities\",\"request_id\":\"b-2\"}", 400, INVALID));
		cases.add(rest("REST GET on a POST endpoint", "GET /mcp/tools/call HTTP/1.1\r\nHost: localhost", null, 405,
				"METHOD_NOT_ALLOWED"));
		cases.add(rest("REST PUT on initialize", "PUT /mcp/initialize HTTP/1.1\r\nHost: localhost", "{}", 405,
				"METHOD_NOT_ALLOWED"));
		cases.add(rest("REST unknown path", "GET /nope HTTP/1.1\r\nHost: localhost", null, 404, "NOT_FOUND"));
		cases.add(rest("REST GET /error", "GET /error HTTP/1.1\r\nHost: localhost", null, 404, "NOT_FOUND"));
		cases.add(rest("REST POST /error", "POST /error HTTP/1.1\r\nHost: localhost", "{}", 404, "NOT_FOUND"));
		cases.add(rest("REST unknown async request", "GET /mcp/requests/no-such-request HTTP/1.1\r\nHost: localhost",
				null, 404, "NOT_FOUND")
			.orStatus(400));
	}

	private static void restInitialize(List<HostileCase> cases) {
		String head = "POST /mcp/initialize HTTP/1.1\r\nHost: localhost";
		for (String id : BAD_IDS) {
			cases.add(rest("REST initialize id " + abbreviate(id), head, "{\"id\":" + id + "}", 400, INVALID));
		}
		cases.add(rest("REST initialize protocolVersion is a number", head, "{\"protocolVersion\":5}", 400, INVALID));
		cases.add(rest("REST initialize session_id with a path", head, "{\"session_id\":\"../x\"}", 400, INVALID));
		cases.add(rest("REST initialize upstream with a path", head, "{\"upstream\":\"../x\"}", 400, INVALID));
		cases.add(rest("REST initialize unknown upstream", head, "{\"upstream\":\"nope\"}", 404, "UNKNOWN_UPSTREAM"));
		for (int depth : new int[] { 101, 500 }) {
			cases.add(rest("REST initialize clientInfo nested " + depth + " deep", head,
					"{\"clientInfo\":" + nested(depth) + "}", 400, INVALID));
		}
	}

	private static void mcpMessages(List<HostileCase> cases) {
		for (String malformed : MALFORMED) {
			cases.add(mcp("MCP malformed message " + abbreviate(malformed), "", malformed, 400, -32700, null));
		}
		cases.add(mcp("MCP batch", "", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", 400, -32600, null));
		cases.add(mcp("MCP empty batch", "", "[]", 400, -32600, null));
		cases.add(mcp("MCP message is a string", "", "\"x\"", 400, -32600, null));
		cases.add(mcp("MCP without jsonrpc", "", "{\"id\":1,\"method\":\"ping\"}", 400, -32600, null));
		cases.add(mcp("MCP jsonrpc 1.0", "", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", 400, -32600, null));
		cases.add(mcp("MCP neither request nor response", "", "{\"jsonrpc\":\"2.0\"}", 400, -32600, null));
		for (String id : BAD_IDS) {
			cases.add(mcp("MCP initialize id " + abbreviate(id), "", "{\"jsonrpc\":\"2.0\",\"id\":" + id
					+ ",\"method\":\"initialize\",\"params\":"
					+ "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\"}}}", 400,
					-32600, null));
			cases
				.add(mcpInSession("MCP tools/call id " + abbreviate(id),
						"{\"jsonrpc\":\"2.0\",\"id\":" + id
								+ ",\"method\":\"tools/call\",\"params\":{\"name\":\"get_entities\"}}",
						400, -32600, null));
		}
		for (int depth : new int[] { 101, 500, 501, 5000 }) {
			cases.add(mcpInSession("MCP arguments nested " + depth + " deep",
					"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_entity_state\","
							+ "\"arguments\":" + nested(depth) + "}}",
					400, -32700, null));
		}
		for (String entity : BAD_ENTITY_IDS) {
			cases.add(mcpInSession("MCP get_entity_state entity_id " + abbreviate(entity),
					"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"get_entity_state\","
							+ "\"arguments\":{\"entity_id\":\"" + entity + "\"}}}",
					200, -32602, INVALID));
		}
		cases.add(mcp("MCP initialize without protocolVersion", "",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}", 400, -32602, null));
		cases.add(mcp("MCP initialize protocolVersion is a number", "",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":5}}", 400,
				-32602, null));
		cases.add(mcpInSession("MCP unknown method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"no/such\"}", 200,
				-32601, null));
		cases.add(mcpInSession("MCP arguments is an array",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":[]}}",
				400, -32602, null));
		cases.add(
				mcp("MCP body over 1 MB", "", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
						+ "p".repeat(1_048_576 + 10) + "\"}}", 413, -32600, null));
	}

	private static void mcpTransport(List<HostileCase> cases) {
		String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
		cases.add(new HostileCase("MCP Accept without event-stream",
				"POST /mcp HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nContent-Type: application/json",
				ping.getBytes(), Set.of(406), null, -32600));
		cases.add(new HostileCase("MCP Content-Type text/plain",
				"POST /mcp HTTP/1.1\r\nHost: localhost\r\nAccept: application/json, text/event-stream"
						+ "\r\nContent-Type: text/plain",
				ping.getBytes(), Set.of(415), null, -32600));
		cases.add(mcp("MCP foreign Origin", "\r\nOrigin: http://evil.example", ping, 403, -32600, null));
		cases.add(new HostileCase("MCP foreign Host",
				"POST /mcp HTTP/1.1\r\nHost: evil.example\r\nAccept: application/json, text/event-stream"
						+ "\r\nContent-Type: application/json",
				ping.getBytes(), Set.of(403), null, -32600));
		cases.add(mcp("MCP tools/call without a session", "",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_entities\"}}", 400,
				-32600, null));
		cases.add(mcp("MCP unknown session", "\r\nMcp-Session-Id: nope",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", 404, -32001, null));
		cases.add(mcp("MCP session id with a path", "\r\nMcp-Session-Id: ../../x",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", 404, -32001, null));
		cases.add(mcp("MCP unsupported protocol version header",
				"\r\nMcp-Session-Id: {msid}\r\nMCP-Protocol-Version: 1999-01-01",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", 400, -32600, null));
		cases.add(new HostileCase("MCP PUT", "PUT /mcp HTTP/1.1\r\nHost: localhost", ping.getBytes(), Set.of(405), null,
				-32600));
		cases.add(new HostileCase("MCP unknown upstream", "POST /mcp/u/nope HTTP/1.1" + HostileCase.MCP_HEADERS,
				ping.getBytes(), Set.of(404), "UNKNOWN_UPSTREAM", null));
		cases.add(new HostileCase("MCP upstream name with bad characters",
				"POST /mcp/u/a!b HTTP/1.1" + HostileCase.MCP_HEADERS, ping.getBytes(), Set.of(404), null, -32600));
		cases.add(new HostileCase("MCP GET without event-stream",
				"GET /mcp HTTP/1.1\r\nHost: localhost" + "\r\nAccept: application/json\r\nMcp-Session-Id: {msid}", null,
				Set.of(406), null, -32600));
		cases.add(new HostileCase("MCP DELETE without a session", "DELETE /mcp HTTP/1.1\r\nHost: localhost", null,
				Set.of(400), null, -32600));
	}

	private static void containerLevel(List<HostileCase> cases) {
		cases.add(
				rest("encoded slash in a REST path", "GET /mcp/a%2fb HTTP/1.1\r\nHost: localhost", null, 400, INVALID));
		cases.add(rest("encoded slash in the MCP path", "POST /mcp/u/home%2f..%2fx HTTP/1.1" + HostileCase.MCP_HEADERS,
				"{}", 400, INVALID));
		cases.add(rest("encoded backslash in a path", "GET /mcp/a%5cb HTTP/1.1\r\nHost: localhost", null, 400, INVALID)
			.orStatus(404));
		cases.add(rest("NUL in a path", "GET /mcp/%00 HTTP/1.1\r\nHost: localhost", null, 400, INVALID).orStatus(404));
		cases.add(rest("a header of 20 KB", "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "h".repeat(20_000),
				null, 400, INVALID));
		cases.add(rest("headers of 64 KB in all", "GET /health HTTP/1.1\r\nHost: localhost" + manyHeaders(64, 1000),
				null, 400, INVALID));
		cases.add(rest("a request line with a space in the path", "GET /mcp/st atus HTTP/1.1\r\nHost: localhost", null,
				400, INVALID)
			.orStatus(505));
		cases.add(rest("a request line with an unknown version", "GET /health HTTP/9.9\r\nHost: localhost", null, 505,
				"INTERNAL_ERROR")
			.orStatus(400));
		cases.add(rest("a header without a colon", "GET /health HTTP/1.1\r\nHost: localhost\r\nNoColonHere", null, 400,
				INVALID));
	}

	private static String manyHeaders(int count, int size) {
		StringBuilder headers = new StringBuilder();
		for (int i = 0; i < count; i++) {
			headers.append("\r\nX-H").append(i).append(": ").append("v".repeat(size));
		}
		return headers.toString();
	}

	static String nested(int depth) {
		return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
	}

	private static String abbreviate(String text) {
		String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
		return oneLine.length() > 24 ? oneLine.substring(0, 24) + "... (" + text.length() + " chars)" : oneLine;
	}

}
