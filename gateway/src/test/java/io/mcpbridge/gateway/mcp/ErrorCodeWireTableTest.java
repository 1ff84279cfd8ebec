package io.mcpbridge.gateway.mcp;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.ReplyError;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.error.ErrorMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bridge error code as each adapter puts it on the wire, written out once by hand:
 * the REST status, the MCP endpoint's HTTP status (a refusal before anything was queued
 * is an HTTP error a client retries; anything else is a JSON-RPC error in a 200), and the
 * JSON-RPC code with {@code data.bridge_code}. A new code fails
 * {@link #theTableNamesEveryCode} until someone decides its row.
 */
class ErrorCodeWireTableTest {

	private static final String TABLE = """
			INVALID_REQUEST,       400, 200, -32602
			UNAUTHORIZED,          401, 401, -32000
			FORBIDDEN,             403, 403, -32000
			SESSION_ID_MISSING,    404, 200, -32000
			SESSION_NOT_FOUND,     404, 200, -32000
			UNKNOWN_UPSTREAM,      404, 200, -32000
			UPSTREAM_REJECTED,     400, 200, -32000
			UPSTREAM_ERROR,        502, 200, -32000
			UPSTREAM_CRASHED,      502, 200, -32000
			UPSTREAM_UNAVAILABLE,  503, 200, -32000
			UPSTREAM_CIRCUIT_OPEN, 503, 503, -32000
			TIMEOUT,               504, 200, -32001
			TIMEOUT_IN_QUEUE,      504, 200, -32001
			QUEUE_UNAVAILABLE,     503, 503, -32000
			STORE_UNAVAILABLE,     503, 503, -32000
			OVERLOADED,            503, 503, -32000
			RATE_LIMITED,          429, 429, -32000
			IDEMPOTENCY_CONFLICT,  409, 200, -32000
			PAYLOAD_TOO_LARGE,     413, 413, -32000
			UNSUPPORTED_MEDIA_TYPE,415, 200, -32000
			METHOD_NOT_ALLOWED,    405, 200, -32000
			NOT_FOUND,             404, 200, -32000
			INTERNAL_ERROR,        500, 200, -32603
			CANCELLED,             499, 200, -32000
			""";

	@ParameterizedTest(name = "{0}: REST {1}, MCP HTTP {2}, JSON-RPC {3}")
	@CsvSource(textBlock = TABLE)
	void eachCodeOnTheWire(ErrorCode code, int restStatus, int mcpHttpStatus, int jsonRpcCode) {
		assertThat(ErrorMapping.httpStatus(code)).as("REST status").isEqualTo(restStatus);
		assertThat(ErrorMapping.refusedBeforeQueued(code) ? ErrorMapping.httpStatus(code) : 200)
			.as("MCP endpoint HTTP status")
			.isEqualTo(mcpHttpStatus);

		JsonNode message = JsonRpc.error(BridgeJson.mapper().getNodeFactory().numberNode(3),
				new BridgeException(code, "refused", "req-9"));

		assertThat(message.path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(message.path("id").asInt()).isEqualTo(3);
		assertThat(message.path("error").path("code").asInt()).isEqualTo(jsonRpcCode);
		assertThat(message.path("error").path("data").path("bridge_code").asString()).isEqualTo(code.name());
		assertThat(message.path("error").path("data").path("request_id").asString()).isEqualTo("req-9");
	}

	@Test
	void theTableNamesEveryCode() {
		Set<String> named = TABLE.lines()
			.filter(line -> !line.isBlank())
			.map(line -> line.split(",")[0].trim())
			.collect(Collectors.toSet());
		assertThat(named).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet()));
	}

	@Test
	void anUpstreamsOwnErrorKeepsItsCodeAndData() {
		JsonNode data = BridgeJson.mapper().readTree("{\"detail\":\"no such light\"}");
		BridgeException upstream = BridgeException
			.fromReply(new ReplyError(ErrorCode.UPSTREAM_REJECTED, "bad params", -32602, data), "req-1");

		JsonNode message = JsonRpc.error(BridgeJson.mapper().nullNode(), upstream);

		assertThat(message.path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(message.path("error").path("data")).isEqualTo(data);
	}

}
