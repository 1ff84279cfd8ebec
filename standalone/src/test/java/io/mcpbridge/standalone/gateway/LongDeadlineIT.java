package io.mcpbridge.standalone.gateway;

import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import io.mcpbridge.standalone.BridgeHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request waits exactly until its own deadline, even when the servlet container's
 * default async timeout is shorter: no hidden cap below {@code bridge.queue.max-timeout}.
 */
@ExtendWith(SharedStack.class)
class LongDeadlineIT {

	@Test
	void aShortContainerAsyncTimeoutDoesNotCutARequestShort(StandaloneStack stack) {
		String session = new BridgeHttp(stack.gatewayPort()).initialize();
		try (ParkedKafka parked = new ParkedKafka();
				ExtraGateway gateway = ExtraGateway.start(parked.bootstrap(), stack.redisPort(),
						"spring.mvc.async.request-timeout=500ms")) {
			long start = System.nanoTime();
			Response response = gateway.http()
				// A write (call_service fails fast: no fallback answers in its place);
				// the
				// parked broker never delivers it, so nothing runs.
				.post("/mcp/tools/call",
						"{\"name\":\"call_service\",\"arguments\":{\"domain\":\"light\",\"service\":\"toggle\","
								+ "\"entity_id\":\"light.kitchen\"}}",
						"X-Session-ID", session, "X-Timeout", "3");
			long elapsedMs = (System.nanoTime() - start) / 1_000_000;

			assertThat(response.status()).as(response.toString()).isEqualTo(504);
			assertThat(response.errorCode()).isEqualTo("TIMEOUT");
			assertThat(elapsedMs).isGreaterThanOrEqualTo(2_900);
		}
	}

}
