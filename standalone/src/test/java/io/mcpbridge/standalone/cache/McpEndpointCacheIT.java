package io.mcpbridge.standalone.cache;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP endpoint reads and writes through the same two-level cache as the REST API: its
 * cacheable reads are answered without a Kafka record, its writes invalidate the reads of
 * their entity through any gateway, and 2026-07-28 results carry the caching hints the
 * revision requires.
 */
class McpEndpointCacheIT {

	private static final String ACCEPT_BOTH = "application/json, text/event-stream";

	private static final String STATELESS = "2026-07-28";

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + STATELESS
			+ "\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

	private static CacheStack stack;

	private static BridgeHttp first;

	private static BridgeHttp second;

	private static String session;

	@BeforeAll
	static void start() {
		stack = CacheStack.start(6379, 0);
		first = stack.gateway(0);
		second = stack.gateway(1);
		Response init = first.post("/mcp",
				"{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
						+ "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\""
						+ ":\"it\",\"version\":\"1\"}}}",
				"Accept", ACCEPT_BOTH);
		assertThat(init.status()).as(init.toString()).isEqualTo(200);
		session = init.header("Mcp-Session-Id");
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aReadThroughTheSessionEndpointIsServedToTheStatelessOneAndTheRestApiFromTheCache() {
		String entity = "sensor.outdoor_temperature";
		Response miss = sessionCall(first, "get_entity_state", "{\"entity_id\":\"" + entity + "\"}");
		assertThat(miss.header("Cache-Status")).isEqualTo("mcp-bridge; fwd=miss; stored");
		CacheStack.Client restClient = stack.client(1);
		long records = stack.requestRecords();

		Response stateless = statelessCall(second, "get_entity_state", "{\"entity_id\":\"" + entity + "\"}");
		Response rest = restClient.call(CacheAcrossGatewaysIT.state(entity));

		assertThat(stateless.header("Cache-Status")).startsWith("mcp-bridge; hit").contains("detail=l2");
		assertThat(stateless.json().path("id").asInt()).isEqualTo(7);
		assertThat(stateless.json().path("result").path("resultType").asString()).isEqualTo("complete");
		assertThat(stateless.json().path("result").path("structuredContent"))
			.isEqualTo(miss.json().path("result").path("structuredContent"));
		assertThat(rest.json().path("cached").asBoolean()).as("the REST API shares the entry").isTrue();
		assertThat(stack.requestRecords()).as("no record produced for the hits").isEqualTo(records);
	}

	@Test
	void aWriteThroughTheEndpointIsNeverFollowedByTheOldStateThroughTheOtherGateway() {
		String light = "light.hallway";
		int hits = 0;
		for (int i = 0; i < 20; i++) {
			String expected = i % 2 == 0 ? "on" : "off";
			BridgeHttp writer = i % 2 == 0 ? first : second;
			BridgeHttp reader = writer == first ? second : first;
			Response write = sessionCall(writer, "call_service",
					"{\"domain\":\"light\",\"service\":\"turn_" + expected + "\",\"entity_id\":\"" + light + "\"}");
			assertThat(write.header("Cache-Status")).isEqualTo("mcp-bridge; fwd=bypass");

			Response read = statelessCall(reader, "get_entity_state", "{\"entity_id\":\"" + light + "\"}");
			Response again = sessionCall(writer, "get_entity_state", "{\"entity_id\":\"" + light + "\"}");

			assertThat(state(read)).as("read %d through the other gateway", i).isEqualTo(expected);
			assertThat(state(again)).as("read %d again through the writer's gateway", i).isEqualTo(expected);
			hits += again.header("Cache-Status").contains("; hit") ? 1 : 0;
		}
		assertThat(hits).as("the repeated reads were answered by the cache, so the test exercised it")
			.isGreaterThan(15);
	}

	@Test
	void noCacheAsksTheUpstreamAndAnUpstreamErrorKeepsItsCode() {
		String entity = "sensor.outdoor_humidity";
		sessionCall(first, "get_entity_state", "{\"entity_id\":\"" + entity + "\"}");
		long records = stack.requestRecords();

		Response fresh = sessionCall(first, "get_entity_state", "{\"entity_id\":\"" + entity + "\"}", "X-Cache-Control",
				"no-cache");

		assertThat(fresh.header("Cache-Status")).contains("fwd=request");
		assertThat(stack.requestRecords()).isEqualTo(records + 1);

		Response unknown = first.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":"
				+ "{\"name\":\"no_such_tool\",\"arguments\":{}}}", sessionHeaders());
		assertThat(unknown.status()).isEqualTo(200);
		assertThat(unknown.json().path("error").path("code").asInt()).as(unknown.body()).isEqualTo(-32602);
	}

	@Test
	void aClientTheUpstreamMayAskForInputGetsLiveAnswers() {
		Response init = first.post("/mcp",
				"{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
						+ "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"roots\":{}},"
						+ "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}",
				"Accept", ACCEPT_BOTH);
		String withRoots = init.header("Mcp-Session-Id");
		String read = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":"
				+ "{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"sensor.air_pressure\"}}}";
		sessionCall(first, "get_entity_state", "{\"entity_id\":\"sensor.air_pressure\"}");
		long records = stack.requestRecords();

		Response live = first.post("/mcp", read, "Accept", ACCEPT_BOTH, "Mcp-Session-Id", withRoots,
				"MCP-Protocol-Version", "2025-11-25");

		assertThat(live.header("Cache-Status")).isEqualTo("mcp-bridge; fwd=bypass");
		assertThat(live.json().path("result").path("structuredContent").path("entity_id").asString())
			.isEqualTo("sensor.air_pressure");
		assertThat(stack.requestRecords()).isEqualTo(records + 1);
	}

	@Test
	void statelessListingsCarryCachingHintsFromTheBridgesOwnCache() {
		Response first = statelessList(second);
		Response again = statelessList(second);

		JsonNode result = again.json().path("result");
		assertThat(again.header("Cache-Status")).startsWith("mcp-bridge; hit");
		assertThat(result.path("resultType").asString()).isEqualTo("complete");
		assertThat(result.path("cacheScope").asString()).isEqualTo("private");
		assertThat(result.path("ttlMs").asLong()).as("what is left of tools/list's hour in the cache")
			.isPositive()
			.isLessThanOrEqualTo(3_600_000L)
			.isLessThanOrEqualTo(first.json().path("result").path("ttlMs").asLong());
		assertThat(result.path("tools").size()).isPositive();

		Response discover = second.post("/mcp",
				"{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{" + META + "}}", "Accept",
				ACCEPT_BOTH, "MCP-Protocol-Version", STATELESS, "Mcp-Method", "server/discover");
		assertThat(discover.json().path("result").path("ttlMs").asLong()).as("discovery is not cached").isZero();
		assertThat(discover.json().path("result").path("cacheScope").asString()).isEqualTo("private");
	}

	private static Response statelessList(BridgeHttp gateway) {
		Response response = gateway.post("/mcp",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}", "Accept",
				ACCEPT_BOTH, "MCP-Protocol-Version", STATELESS, "Mcp-Method", "tools/list");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	private static Response sessionCall(BridgeHttp gateway, String tool, String arguments, String... extraHeaders) {
		String[] headers = sessionHeaders();
		String[] all = new String[headers.length + extraHeaders.length];
		System.arraycopy(headers, 0, all, 0, headers.length);
		System.arraycopy(extraHeaders, 0, all, headers.length, extraHeaders.length);
		Response response = gateway.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
				+ "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}", all);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().has("result")).as(response.body()).isTrue();
		return response;
	}

	private static String[] sessionHeaders() {
		return new String[] { "Accept", ACCEPT_BOTH, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25" };
	}

	private static Response statelessCall(BridgeHttp gateway, String tool, String arguments) {
		Response response = gateway.post("/mcp",
				"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":" + "{\"name\":\"" + tool
						+ "\",\"arguments\":" + arguments + "," + META + "}}",
				"Accept", ACCEPT_BOTH, "MCP-Protocol-Version", STATELESS, "Mcp-Method", "tools/call", "Mcp-Name", tool);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().has("result")).as(response.body()).isTrue();
		return response;
	}

	private static String state(Response response) {
		return response.json().path("result").path("structuredContent").path("state").asString();
	}

}
