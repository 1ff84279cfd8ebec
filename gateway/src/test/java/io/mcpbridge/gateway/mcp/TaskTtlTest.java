package io.mcpbridge.gateway.mcp;

import java.time.Duration;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.gateway.task.TaskProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a client may ask in {@code params.task.ttl}, and what it is granted. */
class TaskTtlTest {

	private static final TaskProperties POLICY = new TaskProperties(true, Duration.ofMinutes(10), Duration.ofHours(1),
			10, Duration.ofSeconds(1), Duration.ofSeconds(60), "optional", Map.of("slow", "optional"));

	private static Long asked(String taskJson) {
		return McpTasks.requestedTtl(BridgeJson.mapper().readTree(taskJson));
	}

	@Test
	void noTtlGetsTheDefaultAndAHugeOneTheMaximum() {
		assertThat(POLICY.grantedTtlMs(asked("{}"))).isEqualTo(Duration.ofMinutes(10).toMillis());
		assertThat(POLICY.grantedTtlMs(asked("{\"ttl\":null}"))).isEqualTo(Duration.ofMinutes(10).toMillis());
		assertThat(POLICY.grantedTtlMs(asked("{\"ttl\":5000}"))).isEqualTo(5000);
		assertThat(POLICY.grantedTtlMs(asked("{\"ttl\":9223372036854775807}")))
			.isEqualTo(Duration.ofHours(1).toMillis());
		assertThat(POLICY.grantedTtlMs(asked("{\"ttl\":100000000000000000000000000000}")))
			.isEqualTo(Duration.ofHours(1).toMillis());
	}

	@Test
	void aTtlThatIsNotAPositiveIntegerIsInvalidParams() {
		for (String bad : new String[] { "{\"ttl\":-1}", "{\"ttl\":0}", "{\"ttl\":1.5}", "{\"ttl\":\"60000\"}",
				"{\"ttl\":true}", "{\"ttl\":{}}", "{\"ttl\":-100000000000000000000000000000}" }) {
			assertThatThrownBy(() -> asked(bad)).as(bad)
				.isInstanceOf(McpError.class)
				.extracting(error -> ((McpError) error).code())
				.isEqualTo(-32602);
		}
	}

	@Test
	void aTaskParamThatIsNotAnObjectIsInvalidParams() {
		for (String bad : new String[] { "5", "\"task\"", "[]", "true" }) {
			assertThatThrownBy(() -> asked(bad)).as(bad).isInstanceOf(McpError.class);
		}
	}

	@Test
	void inThe2026EraOnlyTheToolsThePolicyNamesRunAsTasks() {
		assertThat(POLICY.directs("slow")).isTrue();
		assertThat(POLICY.directs("greet")).as("default-support is what a 2025 client may ask, not imposed").isFalse();
		assertThat(new TaskProperties(true, Duration.ofMinutes(10), Duration.ofHours(1), 10, Duration.ofSeconds(1),
				Duration.ofSeconds(60), "optional", Map.of("slow", "forbidden"))
			.directs("slow")).isFalse();
	}

}
