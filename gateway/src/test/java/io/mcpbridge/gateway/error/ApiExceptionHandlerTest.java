package io.mcpbridge.gateway.error;

import java.util.concurrent.CompletionException;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.TestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExceptionHandlerTest {

	private final ApiExceptionHandler handler = new ApiExceptionHandler(new ErrorMapping(TestProperties.defaults()));

	@Test
	void overloadedAndQueueUnavailableSayWhenToRetry() {
		for (ErrorCode code : new ErrorCode[] { ErrorCode.OVERLOADED, ErrorCode.QUEUE_UNAVAILABLE }) {
			ResponseEntity<ErrorBody> response = handler.bridge(new BridgeException(code, "later"));
			assertThat(response.getStatusCode().value()).as(code.name()).isEqualTo(503);
			assertThat(response.getHeaders().getFirst("Retry-After")).as(code.name()).isEqualTo("1");
		}
	}

	@Test
	void otherErrorsHaveNoRetryAfter() {
		ResponseEntity<ErrorBody> response = handler.bridge(new BridgeException(ErrorCode.IDEMPOTENCY_CONFLICT, "no"));
		assertThat(response.getStatusCode().value()).isEqualTo(409);
		assertThat(response.getHeaders().containsHeader("Retry-After")).isFalse();
	}

	@Test
	void aRedisTimeoutIs503StoreUnavailableWithRetryAfterNot500() {
		Exception timeout = new CompletionException(new QueryTimeoutException("Redis command timed out"));
		ResponseEntity<ErrorBody> response = handler.unexpected(timeout);
		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody().error().code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
		assertThat(response.getBody().error().message()).doesNotContain("QueryTimeout", "Lettuce", "springframework");
		assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
	}

	@Test
	void aLostRedisConnectionIsStoreUnavailableToo() {
		ResponseEntity<ErrorBody> response = handler
			.unexpected(new RedisConnectionFailureException("Unable to connect to Redis"));
		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody().error().code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
	}

	@Test
	void aBugIsStillAnInternalError() {
		ResponseEntity<ErrorBody> response = handler.unexpected(new IllegalStateException("bug"));
		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getBody().error().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
		assertThat(ErrorMapping.storeFailure(new IllegalStateException("bug", new RuntimeException()))).isEmpty();
	}

	@Test
	void storeUnavailableIsRefusedBeforeQueued() {
		assertThat(ErrorMapping.refusedBeforeQueued(ErrorCode.STORE_UNAVAILABLE)).isTrue();
		assertThat(ErrorCode.STORE_UNAVAILABLE.httpStatus()).isEqualTo(503);
	}

	@Test
	void retryAfterIsWholeSecondsAndNeverZero() {
		assertThat(ErrorMapping.retryAfterSeconds(0)).isEqualTo(1);
		assertThat(ErrorMapping.retryAfterSeconds(1000)).isEqualTo(1);
		assertThat(ErrorMapping.retryAfterSeconds(1001)).isEqualTo(2);
	}

}
