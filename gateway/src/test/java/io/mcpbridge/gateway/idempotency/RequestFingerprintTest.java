package io.mcpbridge.gateway.idempotency;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

	private static JsonNode json(String text) {
		return BridgeJson.mapper().readTree(text);
	}

	private static String call(String tool, String arguments) {
		return RequestFingerprint.of(Methods.TOOLS_CALL, "home", tool, arguments == null ? null : json(arguments));
	}

	@Test
	void keyOrderAndWhitespaceDoNotMatter() {
		String compact = call("call_service",
				"{\"domain\":\"light\",\"service\":\"toggle\",\"data\":{\"a\":1,\"b\":[1,2]}}");
		String reordered = call("call_service",
				"{ \"data\" : { \"b\" : [ 1 , 2 ] ,\n \"a\" : 1 } ,\t\"service\":\"toggle\", \"domain\": \"light\" }");
		assertThat(reordered).isEqualTo(compact);
	}

	@Test
	void numbersCompareByValue() {
		assertThat(call("t", "{\"x\":1.0,\"y\":100}")).isEqualTo(call("t", "{\"x\":1,\"y\":1e2}"));
	}

	@Test
	void escapedAndLiteralCharactersAreTheSameString() {
		assertThat(call("t", "{\"x\":\"\\u00e9\"}")).isEqualTo(call("t", "{\"x\":\"é\"}"));
	}

	@Test
	void noArgumentsEqualsAnEmptyObject() {
		assertThat(call("t", null)).isEqualTo(call("t", "{}"));
	}

	@Test
	void differentArgumentsDiffer() {
		assertThat(call("t", "{\"x\":1}")).isNotEqualTo(call("t", "{\"x\":2}"));
		assertThat(call("t", "{\"x\":[1,2]}")).isNotEqualTo(call("t", "{\"x\":[2,1]}"));
		assertThat(call("t", "{\"x\":\"1\"}")).isNotEqualTo(call("t", "{\"x\":1}"));
	}

	@Test
	void toolAndUpstreamArePartOfTheIdentity() {
		assertThat(call("a", "{}")).isNotEqualTo(call("b", "{}"));
		assertThat(RequestFingerprint.of(Methods.TOOLS_CALL, "other", "a", null)).isNotEqualTo(call("a", null));
	}

}
