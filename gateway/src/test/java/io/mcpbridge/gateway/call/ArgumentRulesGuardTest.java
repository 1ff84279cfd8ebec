package io.mcpbridge.gateway.call;

import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ArgumentRulesGuardTest {

	private static final CallContext CONTEXT = CallContext.of("t", null);

	private final ArgumentRulesGuard guard = new ArgumentRulesGuard(
			new ArgumentRulesProperties(null, List.of(new ArgumentRulesProperties.UpstreamRules("everything", Map.of()),
					new ArgumentRulesProperties.UpstreamRules("files", Map.of("path", "^[a-z]+\\.txt$")))));

	@ParameterizedTest
	@ValueSource(strings = { "light.kitchen", "sensor.outdoor_temp_2", "binary_sensor.door" })
	void homeAssistantEntityIdsPass(String entity) {
		assertThatNoException().isThrownBy(() -> guard.check(CONTEXT, call("home", "entity_id", entity)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../health", "light/kitchen", "LIGHT.kitchen", "light.", "light.kitchen\n", "" })
	void anythingElseIsRefusedBeforeItIsQueued(String entity) {
		assertThatThrownBy(() -> guard.check(CONTEXT, call("home", "entity_id", entity)))
			.isInstanceOfSatisfying(BridgeException.class,
					refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
			.hasMessageContaining("entity_id");
	}

	@Test
	void aNonStringOrOverlongValueIsRefused() {
		assertThatThrownBy(() -> guard.check(CONTEXT, call("home", "entity_id", 5)))
			.isInstanceOf(BridgeException.class);
		assertThatThrownBy(() -> guard.check(CONTEXT, call("home", "entity_id", "light." + "a".repeat(300))))
			.isInstanceOf(BridgeException.class);
	}

	@Test
	void anUpstreamWithItsOwnRulesUsesThemInsteadOfTheDefault() {
		assertThatNoException().isThrownBy(() -> guard.check(CONTEXT, call("everything", "entity_id", "../x")));
		assertThatNoException().isThrownBy(() -> guard.check(CONTEXT, call("files", "path", "notes.txt")));
		assertThatThrownBy(() -> guard.check(CONTEXT, call("files", "path", "../etc/passwd")))
			.isInstanceOf(BridgeException.class);
	}

	@Test
	void aWrongPatternStopsTheStart() {
		assertThatThrownBy(() -> new ArgumentRulesGuard(new ArgumentRulesProperties(Map.of("x", "("), null)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("bridge.argument-rules.x");
	}

	private static RequestEnvelope call(String upstream, String name, Object value) {
		RequestEnvelope request = mock(RequestEnvelope.class);
		when(request.method()).thenReturn(Methods.TOOLS_CALL);
		when(request.upstream()).thenReturn(upstream);
		when(request.arguments()).thenReturn(BridgeJson.mapper().valueToTree(Map.of(name, value)));
		return request;
	}

}
