package io.mcpbridge.common;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

	private static JsonNode json(String text) {
		return BridgeJson.mapper().readTree(text);
	}

	@Test
	void theCanonicalFormSortsKeysRecursivelyWithoutSpaces() {
		assertThat(CanonicalJson.text(json("{\"b\": {\"d\": true, \"c\": null}, \"a\": [ \"x\" ]}")))
			.isEqualTo("{\"a\":[\"x\"],\"b\":{\"c\":null,\"d\":true}}");
	}

	@Test
	void theHashIgnoresKeyOrderAndNumberSpelling() {
		assertThat(CanonicalJson.sha256(json("{\"x\":1.0,\"y\":{\"b\":2,\"a\":1}}")))
			.isEqualTo(CanonicalJson.sha256(json("{ \"y\":{\"a\":1,\"b\":2}, \"x\":1 }")))
			.hasSize(64);
	}

	@Test
	void differentValuesHashDifferently() {
		assertThat(CanonicalJson.sha256(json("{\"x\":\"1\"}"))).isNotEqualTo(CanonicalJson.sha256(json("{\"x\":1}")));
	}

}
