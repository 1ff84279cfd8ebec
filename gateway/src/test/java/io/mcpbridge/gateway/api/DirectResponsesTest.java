package io.mcpbridge.gateway.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.error.ApiExceptionHandler;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.error.ErrorMapping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class DirectResponsesTest {

	private final DirectResponses responses = new DirectResponses(
			new ApiExceptionHandler(new ErrorMapping(TestProperties.defaults())));

	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp/tools/call");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	{
		request.setAsyncSupported(true);
	}

	private static ResponseEntity<JsonNode> ok() {
		return ResponseEntity.ok()
			.header("Cache-Status", "mcp-bridge; fwd=bypass")
			.body(BridgeJson.mapper().readTree("{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"result\":{\"isError\":false}}"));
	}

	@Test
	void theAsyncTimeoutFollowsTheRequestsDeadlineNotAGlobalCap() {
		long fiveMinutes = 300_000;
		assertThat(DirectResponses.timeoutMs(1_000 + fiveMinutes, 1_000))
			.isEqualTo(fiveMinutes + DirectResponses.MARGIN_MS);
		assertThat(DirectResponses.timeoutMs(1_000, 5_000)).isEqualTo(DirectResponses.MARGIN_MS);
	}

	@Test
	void anAnswerKnownAtOnceIsWrittenWithoutGoingAsynchronous() throws Exception {
		responses.answer(request, response, System.currentTimeMillis() + 1000, CompletableFuture.completedFuture(ok()));

		assertThat(request.isAsyncStarted()).isFalse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Cache-Status")).isEqualTo("mcp-bridge; fwd=bypass");
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getContentAsString()).contains("\"isError\":false");
	}

	@Test
	void aPendingAnswerIsWrittenByTheThreadThatCompletesItWithoutASecondDispatch() throws Exception {
		CompletableFuture<ResponseEntity<JsonNode>> pending = new CompletableFuture<>();
		responses.answer(request, response, System.currentTimeMillis() + 1000, pending);
		assertThat(request.isAsyncStarted()).isTrue();
		assertThat(response.getContentAsString()).isEmpty();

		pending.complete(ok());

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("\"id\":\"r1\"");
		assertThat(request.getAsyncContext()).isNotNull();
		assertThat(((org.springframework.mock.web.MockAsyncContext) request.getAsyncContext()).getDispatchedPath())
			.isNull();
		assertThat(request.isAsyncStarted()).isFalse();
	}

	@Test
	void aFailureIsAnsweredWithItsCodesStatusBodyAndRetryAfter() throws Exception {
		CompletableFuture<ResponseEntity<JsonNode>> pending = new CompletableFuture<>();
		responses.answer(request, response, System.currentTimeMillis() + 1000, pending);

		pending.completeExceptionally(new CompletionException(new BridgeException(ErrorCode.OVERLOADED, "full")));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isNotNull();
		assertThat(response.getContentAsString()).contains("\"code\":\"OVERLOADED\"").doesNotContain("Exception");
	}

	@Test
	void anUnexpectedFailureNamesNoClass() throws Exception {
		responses.answer(request, response, System.currentTimeMillis() + 1000,
				CompletableFuture.failedFuture(new IllegalStateException("bug in some.Library")));

		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentAsString()).contains("INTERNAL_ERROR").doesNotContain("some.Library");
	}

}
