package io.mcpbridge.gateway.submit;

import java.time.Duration;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Priority;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolPoliciesTest {

	private final ToolPolicies policies = new ToolPolicies(TestProperties.defaults());

	@Test
	void toolsGetTheSeedsPriorities() {
		assertThat(policies.priority("get_entity_state", null)).isEqualTo(Priority.CRITICAL);
		assertThat(policies.priority("get_entities", null)).isEqualTo(Priority.HIGH);
		assertThat(policies.priority("call_service", null)).isEqualTo(Priority.MEDIUM);
		assertThat(policies.priority("create_automation", null)).isEqualTo(Priority.LOW);
		assertThat(policies.priority("get_history", null)).isEqualTo(Priority.BULK);
	}

	@Test
	void unknownToolsAreMedium() {
		assertThat(policies.priority("something_else", null)).isEqualTo(Priority.MEDIUM);
	}

	@Test
	void theClientsPriorityWins() {
		assertThat(policies.priority("get_history", "critical")).isEqualTo(Priority.CRITICAL);
	}

	@Test
	void anUnknownPriorityIsAClientError() {
		assertThatThrownBy(() -> policies.priority("get_history", "URGENT")).isInstanceOf(BridgeException.class)
			.extracting(failure -> ((BridgeException) failure).code())
			.isEqualTo(ErrorCode.INVALID_REQUEST);
	}

	@Test
	void timeoutsComeFromTheHeaderThenTheToolThenTheQueue() {
		assertThat(policies.timeout("get_entities", "2.5")).isEqualTo(Duration.ofMillis(2500));
		assertThat(policies.timeout("create_automation", null)).isEqualTo(Duration.ofSeconds(60));
		assertThat(policies.timeout("get_entity_state", null)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void timeoutsOutsideTheAllowedRangeAreRejected() {
		for (String bad : new String[] { "0", "-1", "301", "soon", "NaN" }) {
			assertThatThrownBy(() -> policies.timeout("get_entities", bad)).as(bad)
				.isInstanceOf(BridgeException.class)
				.hasMessageContaining("X-Timeout");
		}
	}

	@Test
	void longTimeoutsUpToTheMaximumAreAllowed() {
		assertThat(policies.timeout("create_automation", "300")).isEqualTo(Duration.ofSeconds(300));
	}

}
