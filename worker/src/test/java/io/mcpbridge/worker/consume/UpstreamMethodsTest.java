package io.mcpbridge.worker.consume;

import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.Relay;
import io.mcpbridge.common.RequestEnvelope;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamMethodsTest {

	@Test
	void aToolCallCarriesTheRequestIdInItsMeta() {
		JsonNode params = UpstreamMethods.toolCallParams(call("req-7", null));

		assertThat(params.path("name").asString()).isEqualTo("call_service");
		assertThat(params.path("arguments").path("entity_id").asString()).isEqualTo("light.kitchen");
		assertThat(params.path("_meta").path(UpstreamMethods.REQUEST_ID_META).asString()).isEqualTo("req-7");
	}

	@Test
	void theClientsMetaIsKeptAndItsRequestIdEntryIsReplaced() {
		JsonNode clientMeta = BridgeJson.mapper()
			.readTree("{\"progressToken\":\"p-1\",\"" + UpstreamMethods.REQUEST_ID_META + "\":\"forged\"}");

		JsonNode params = UpstreamMethods.toolCallParams(call("req-8", clientMeta));

		assertThat(params.path("_meta").path("progressToken").asString()).isEqualTo("p-1");
		assertThat(params.path("_meta").path(UpstreamMethods.REQUEST_ID_META).asString()).isEqualTo("req-8");
		assertThat(clientMeta.path(UpstreamMethods.REQUEST_ID_META).asString()).as("the envelope's meta is not changed")
			.isEqualTo("forged");
	}

	private static RequestEnvelope call(String requestId, JsonNode meta) {
		JsonNode arguments = BridgeJson.mapper().readTree("{\"entity_id\":\"light.kitchen\"}");
		return new RequestEnvelope(requestId, "default", "s-1", "home", Methods.TOOLS_CALL, "call_service", arguments,
				Priority.MEDIUM, System.currentTimeMillis() + 10_000, "gw-1", "light.kitchen", Map.of(),
				System.currentTimeMillis(), true, meta, Relay.NONE);
	}

}
