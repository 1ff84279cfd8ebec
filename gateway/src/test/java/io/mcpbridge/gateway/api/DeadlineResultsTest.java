package io.mcpbridge.gateway.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.Test;

import org.springframework.web.context.request.async.DeferredResult;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineResultsTest {

	@Test
	void theAsyncTimeoutFollowsTheRequestsDeadlineNotAGlobalCap() {
		long fiveMinutes = 300_000;
		assertThat(DeadlineResults.timeoutMs(1_000 + fiveMinutes, 1_000))
			.isEqualTo(fiveMinutes + DeadlineResults.MARGIN_MS);
		assertThat(DeadlineResults.timeoutMs(1_000, 5_000)).isEqualTo(DeadlineResults.MARGIN_MS);
	}

	@Test
	void aFailureIsUnwrappedForTheExceptionHandler() {
		CompletableFuture<String> response = new CompletableFuture<>();
		DeferredResult<String> deferred = DeadlineResults.until(System.currentTimeMillis() + 1000, response);
		BridgeException overloaded = new BridgeException(ErrorCode.OVERLOADED, "full");
		response.completeExceptionally(new CompletionException(overloaded));
		assertThat(deferred.getResult()).isSameAs(overloaded);
	}

}
