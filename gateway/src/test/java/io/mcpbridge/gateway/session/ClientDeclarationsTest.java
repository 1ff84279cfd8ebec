package io.mcpbridge.gateway.session;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ClientDeclarationsTest {

	@Test
	void aHugeClientInfoKeepsOnlyItsBoundedNameVersionAndTitle() {
		JsonNode declared = json("{\"name\":\"" + "n".repeat(1_000_000) + "\",\"version\":\"1\",\"padding\":\""
				+ "x".repeat(100_000) + "\",\"title\":7}");
		JsonNode kept = ClientDeclarations.clientInfo(declared);
		assertThat(kept.get("name").asString()).hasSize(ClientDeclarations.MAX_TEXT);
		assertThat(kept.get("version").asString()).isEqualTo("1");
		assertThat(kept.has("padding")).isFalse();
		assertThat(kept.has("title")).isFalse();
		assertThat(BridgeJson.mapper().writeValueAsBytes(kept).length).isLessThan(512);
	}

	@Test
	void aClientInfoThatIsNoObjectIsNotKept() {
		assertThat(ClientDeclarations.clientInfo(json("\"just a string\""))).isNull();
		assertThat(ClientDeclarations.clientInfo(null)).isNull();
	}

	@Test
	void capabilitiesKeepTheKnownOnesAndDropTheDetailsOfHugeOnes() {
		JsonNode declared = json("{\"sampling\":{},\"roots\":{\"listChanged\":true},\"elicitation\":{\"x\":\""
				+ "y".repeat(5000) + "\"},\"made-up\":{\"big\":\"" + "z".repeat(5000) + "\"}}");
		JsonNode kept = ClientDeclarations.capabilities(declared);
		assertThat(kept.get("roots").get("listChanged").asBoolean()).isTrue();
		assertThat(kept.get("sampling").isObject()).isTrue();
		assertThat(kept.get("elicitation").isEmpty()).isTrue();
		assertThat(kept.has("made-up")).isFalse();
	}

	private static JsonNode json(String text) {
		return BridgeJson.mapper().readTree(text);
	}

}
