package io.mcpbridge.gateway.submit;

import java.time.Duration;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.TestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeFactoryTest {

	private final EnvelopeFactory factory = new EnvelopeFactory(TestProperties.defaults());

	@Test
	void theEntityIdArgumentNamesTheEntity() {
		RequestEnvelope request = factory.create(null, "default", "s1", "home", Methods.TOOLS_CALL, "call_service",
				BridgeJson.mapper().readTree("{\"entity_id\":\"light.kitchen\"}"), Priority.MEDIUM,
				Duration.ofSeconds(5));
		assertThat(request.routingKey()).isEqualTo("default/home/light.kitchen");
	}

	@Test
	void withoutAnEntityTheSessionIsTheKey() {
		RequestEnvelope request = factory.create(null, "default", "s1", "home", Methods.TOOLS_CALL, "get_entities",
				BridgeJson.mapper().readTree("{\"domain\":\"light\"}"), Priority.HIGH, Duration.ofSeconds(5));
		assertThat(request.routingKey()).isEqualTo("default/home/s1");
	}

	@Test
	void theDeadlineIsAbsoluteAndRepliesComeBackToThisGateway() {
		long before = System.currentTimeMillis();
		RequestEnvelope request = factory.create("r-1", "default", "s1", "home", Methods.TOOLS_LIST, null, null,
				Priority.HIGH, Duration.ofSeconds(7));
		assertThat(request.requestId()).isEqualTo("r-1");
		assertThat(request.replyTo()).isEqualTo("gw-test");
		assertThat(request.deadlineEpochMs()).isBetween(before + 7000, System.currentTimeMillis() + 7000);
	}

	@Test
	void generatedRequestIdsAreUnique() {
		RequestEnvelope first = factory.create(null, "default", "s1", "home", Methods.TOOLS_LIST, null, null,
				Priority.HIGH, Duration.ofSeconds(1));
		RequestEnvelope second = factory.create(null, "default", "s1", "home", Methods.TOOLS_LIST, null, null,
				Priority.HIGH, Duration.ofSeconds(1));
		assertThat(first.requestId()).isNotEqualTo(second.requestId());
	}

}
