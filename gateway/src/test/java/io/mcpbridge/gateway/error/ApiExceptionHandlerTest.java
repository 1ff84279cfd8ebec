package io.mcpbridge.gateway.error;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.TestProperties;
import org.junit.jupiter.api.Test;

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
	void retryAfterIsWholeSecondsAndNeverZero() {
		assertThat(ErrorMapping.retryAfterSeconds(0)).isEqualTo(1);
		assertThat(ErrorMapping.retryAfterSeconds(1000)).isEqualTo(1);
		assertThat(ErrorMapping.retryAfterSeconds(1001)).isEqualTo(2);
	}

}
