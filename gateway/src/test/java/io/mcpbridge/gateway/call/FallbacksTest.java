package io.mcpbridge.gateway.call;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.Methods;
import io.mcpbridge.common.Priority;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.error.BridgeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FallbacksTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Fallbacks fallbacks = new Fallbacks(new FallbackProperties(null), meters);

	private static RequestEnvelope call(String tool) {
		return new RequestEnvelope("r-1", "default", "s-1", "home", Methods.TOOLS_CALL, tool,
				BridgeJson.mapper().createObjectNode(), Priority.HIGH, System.currentTimeMillis() + 10_000, "g-1", null,
				Map.of(), System.currentTimeMillis());
	}

	private static CompletableFuture<CacheAnswer> failing(ErrorCode code) {
		return CompletableFuture.failedFuture(new BridgeException(code, "failed"));
	}

	@Test
	void getEntitiesAnswersAnEmptyDegradedListWhenItsUpstreamFails() {
		CacheAnswer answer = fallbacks.apply(call("get_entities"), failing(ErrorCode.UPSTREAM_CIRCUIT_OPEN)).join();

		assertThat(answer.result().path("degraded").asBoolean()).isTrue();
		assertThat(answer.result().path("_meta").path(Fallbacks.DEGRADED_META).asBoolean()).isTrue();
		assertThat(answer.result().path("structuredContent").path("entities").isEmpty()).isTrue();
		assertThat(meters.get(Fallbacks.FALLBACKS_COUNTER).tag("tool", "get_entities").counter().count()).isEqualTo(1);
	}

	@Test
	void aRefusalOfTheClientIsNeverHidden() {
		assertThat(fallbacks.apply(call("get_entities"), failing(ErrorCode.RATE_LIMITED)))
			.failsWithin(Duration.ofSeconds(1));
		assertThat(fallbacks.apply(call("get_entities"), failing(ErrorCode.INVALID_REQUEST)))
			.failsWithin(Duration.ofSeconds(1));
	}

	@Test
	void callServiceAndUnlistedToolsFailAsTheyDid() {
		assertThat(fallbacks.apply(call("call_service"), failing(ErrorCode.UPSTREAM_ERROR)))
			.failsWithin(Duration.ofSeconds(1));
		assertThat(fallbacks.apply(call("get_history"), failing(ErrorCode.UPSTREAM_ERROR)))
			.failsWithin(Duration.ofSeconds(1));
	}

	@Test
	void anEmptyResultThatIsNotJsonFailsValidation() {
		assertThat(new FallbackProperties.Fallback(FallbackProperties.Strategy.CACHED_OR_EMPTY, "not json")
			.isEmptyResultValid()).isFalse();
		assertThat(new FallbackProperties.Fallback(FallbackProperties.Strategy.FAIL_FAST, null).isEmptyResultValid())
			.isTrue();
	}

}
