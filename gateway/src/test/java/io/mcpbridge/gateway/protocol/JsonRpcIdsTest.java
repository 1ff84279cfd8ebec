package io.mcpbridge.gateway.protocol;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRpcIdsTest {

	@ParameterizedTest
	@ValueSource(strings = { "1", "0", "-7", "\"abc\"", "null", "9007199254740993" })
	void stringsIntegersAndNullAreIds(String id) {
		assertThat(JsonRpcIds.isValid(BridgeJson.mapper().readTree(id))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"a\":1}", "[]", "[1]", "true", "false", "1.5", "1e400",
			"123456789012345678901234567890" })
	void objectsArraysBooleansAndFractionsAreNot(String id) {
		assertThat(JsonRpcIds.isValid(BridgeJson.mapper().readTree(id))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 256, 257 })
	void aStringIdIsBounded(int length) {
		boolean valid = JsonRpcIds.isValid(BridgeJson.mapper().getNodeFactory().stringNode("x".repeat(length)));
		assertThat(valid).isEqualTo(length <= JsonRpcIds.MAX_STRING_LENGTH);
	}

}
