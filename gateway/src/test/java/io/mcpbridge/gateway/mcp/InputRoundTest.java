package io.mcpbridge.gateway.mcp;

import java.util.Map;

import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CallEvent;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * How one exchange of a 2026-07-28 request turns the upstream's requests and refusals
 * into its answer.
 */
class InputRoundTest {

	private final RequestStates states = mock(RequestStates.class);

	private final StreamScheduler scheduler = mock(StreamScheduler.class);

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final InputRound round = new InputRound("acme",
			new RequestState("r1", "tools/call", "ask", 0, System.currentTimeMillis() + 30_000, Map.of()),
			BridgeJson.mapper().getNodeFactory().numberNode(7), states, scheduler, () -> {
			});

	private final McpExchange exchange = exchange();

	@Test
	void requestsSentTogetherEndTheExchangeAsOneInputRequiredResult() throws Exception {
		when(states.save(eq("acme"), any())).thenReturn("rs-token");
		exchange.onEvent(event(1, "{\"jsonrpc\":\"2.0\",\"id\":\"in-1\",\"method\":\"elicitation/create\","
				+ "\"params\":{\"message\":\"Name?\",\"_meta\":{\"io.mcpbridge/inputKey\":\"user_name\"}}}"));
		exchange.onEvent(event(2, "{\"jsonrpc\":\"2.0\",\"id\":\"in-2\",\"method\":\"roots/list\"}"));

		ArgumentCaptor<Runnable> gathered = ArgumentCaptor.forClass(Runnable.class);
		verify(scheduler).after(eq(InputRound.GATHER_MS), gathered.capture());
		gathered.getValue().run();

		JsonNode result = BridgeJson.mapper().readTree(response.getContentAsString()).path("result");
		assertThat(result.path("resultType").asString()).isEqualTo("input_required");
		assertThat(result.path("inputRequests").path("user_name").path("method").asString())
			.isEqualTo("elicitation/create");
		assertThat(result.path("inputRequests").path("in-2").path("method").asString()).isEqualTo("roots/list");
		assertThat(result.path("requestState").asString()).isEqualTo("rs-token");
		ArgumentCaptor<RequestState> saved = ArgumentCaptor.forClass(RequestState.class);
		verify(states).save(eq("acme"), saved.capture());
		assertThat(saved.getValue().position()).isEqualTo(2);
		assertThat(saved.getValue().inputs().get("user_name").inputId()).isEqualTo("in-1");
		assertThat(exchange.isDone()).isTrue();
	}

	@Test
	void aCallThatFailedAfterARefusedRequestNamesTheCapabilityTheClientLacked() throws Exception {
		exchange.onEvent(event(1, "{\"io.mcpbridge/refusedRequest\":\"sampling/createMessage\"}"));

		round.finish(200, BridgeJson.mapper().readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"isError\":true}}"),
				Map.of());

		assertThat(response.getStatus()).isEqualTo(400);
		JsonNode error = BridgeJson.mapper().readTree(response.getContentAsString()).path("error");
		assertThat(error.path("code").asInt()).isEqualTo(-32021);
		assertThat(error.path("data").path("requiredCapabilities").path("sampling").isObject()).isTrue();
	}

	@Test
	void aCallThatCopedWithARefusalKeepsItsResult() throws Exception {
		exchange.onEvent(event(1, "{\"io.mcpbridge/refusedRequest\":\"elicitation/create\"}"));

		round.finish(200, BridgeJson.mapper().readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}"),
				Map.of());

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString())
			.isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}");
	}

	private static CallEvent event(long sequence, String message) {
		return new CallEvent("r1", "acme", sequence, BridgeJson.mapper().readTree(message));
	}

	private McpExchange exchange() {
		MockAsyncContext async = new MockAsyncContext(new MockHttpServletRequest(), response);
		McpExchange created = new McpExchange(async, "r1", Map.of(), 60_000, new NoEventsContext(() -> {
		}, round::divert), JsonRpc.error(null, JsonRpcCodes.REQUEST_TIMEOUT, "timeout", null));
		round.attach(created);
		return created;
	}

}
