package io.mcpbridge.gateway.api;

import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncResponsesTest {

	@Test
	void respondAsyncIsFoundAmongOtherPreferences() {
		assertThat(AsyncResponses.respondAsync("respond-async")).isTrue();
		assertThat(AsyncResponses.respondAsync("wait=5, Respond-Async")).isTrue();
		assertThat(AsyncResponses.respondAsync("respond-async; foo=bar")).isTrue();
	}

	@Test
	void otherPreferencesAreSynchronous() {
		assertThat(AsyncResponses.respondAsync(null)).isFalse();
		assertThat(AsyncResponses.respondAsync("return=minimal")).isFalse();
		assertThat(AsyncResponses.respondAsync("respond-asynchronously")).isFalse();
	}

	@Test
	void acceptedPointsAtTheRequestsStatus() {
		ResponseEntity<?> accepted = AsyncResponses.acceptedAsPreferred("r-1");
		assertThat(accepted.getStatusCode().value()).isEqualTo(202);
		assertThat(accepted.getHeaders().getLocation()).hasToString("/mcp/requests/r-1");
		assertThat(accepted.getHeaders().getFirst("Preference-Applied")).isEqualTo("respond-async");
		assertThat(accepted.getBody()).hasToString("{\"request_id\":\"r-1\",\"status\":\"pending\"}");
	}

}
