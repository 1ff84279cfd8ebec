package io.mcpbridge.gateway.protocol;

import java.nio.charset.StandardCharsets;

import io.mcpbridge.common.BridgeJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientJsonTest {

	@Test
	void aDocumentAtTheDepthLimitIsRead() {
		assertThat(ClientJson.read(nested(BridgeJson.MAX_CLIENT_DEPTH)).isObject()).isTrue();
	}

	@Test
	void aDeeperDocumentIsRefusedWithoutNamingTheParser() {
		assertThatThrownBy(() -> ClientJson.read(nested(BridgeJson.MAX_CLIENT_DEPTH + 1)))
			.isInstanceOf(ClientJson.Unreadable.class)
			.hasMessage("JSON nested deeper than 100 levels");
	}

	@Test
	void theWireMapperReadsWhatTheClientMapperAcceptsWrappedInAnEnvelope() {
		String inner = new String(nested(BridgeJson.MAX_CLIENT_DEPTH), StandardCharsets.UTF_8);
		String envelope = "{\"request\":{\"params\":{\"arguments\":" + inner + "}}}";
		assertThat(BridgeJson.mapper().readTree(envelope).isObject()).isTrue();
	}

	@Test
	void aLongNumberIsRefusedWithoutNamingTheParser() {
		byte[] body = ("{\"n\":" + "9".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> ClientJson.read(body)).isInstanceOf(ClientJson.Unreadable.class)
			.hasMessageNotContaining("Constraints")
			.hasMessageContaining("length limit");
	}

	@Test
	void malformedJsonIsDescribedWithoutTheSourceOrClassNames() {
		assertThatThrownBy(() -> ClientJson.read("{\"a\":".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(ClientJson.Unreadable.class)
			.hasMessageNotContaining("Source")
			.hasMessageNotContaining("tools.jackson")
			.hasMessageNotContaining("`");
	}

	static byte[] nested(int depth) {
		StringBuilder json = new StringBuilder();
		for (int i = 1; i < depth; i++) {
			json.append("{\"a\":");
		}
		json.append("{}");
		json.append("}".repeat(depth - 1));
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

}
