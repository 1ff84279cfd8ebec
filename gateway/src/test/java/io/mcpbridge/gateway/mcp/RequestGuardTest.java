package io.mcpbridge.gateway.mcp;

import io.mcpbridge.gateway.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestGuardTest {

	/** TestProperties allows origins http://localhost:* and the host localhost. */
	private final RequestGuard guard = new RequestGuard(TestProperties.defaults());

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost", "http://localhost:6274", "HTTP://LOCALHOST:3000" })
	void allowedOriginsPassWithAnyPort(String origin) {
		assertThatCode(() -> guard.checkOriginAndHost(request(origin, "localhost:3003"))).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://evil.example", "http://localhost.evil.example", "http://localhost:80abc",
			"https://localhost:3000", "null" })
	void otherOriginsAre403(String origin) {
		assertThatThrownBy(() -> guard.checkOriginAndHost(request(origin, "localhost:3003")))
			.isInstanceOfSatisfying(McpError.class, error -> assertThat(error.httpStatus()).isEqualTo(403));
	}

	@Test
	void aRequestWithoutOriginIsAllowedButItsHostIsChecked() {
		assertThatCode(() -> guard.checkOriginAndHost(request(null, "localhost"))).doesNotThrowAnyException();
		assertThatThrownBy(() -> guard.checkOriginAndHost(request(null, "evil.example:3003")))
			.hasMessageContaining("Host");
	}

	@Test
	void aPostMustAcceptJsonAndEventStreamAndSendJson() {
		MockHttpServletRequest good = request(null, "localhost");
		good.addHeader("Accept", "application/json, text/event-stream");
		good.setContentType("application/json; charset=utf-8");
		assertThatCode(() -> RequestGuard.checkPost(good)).doesNotThrowAnyException();

		MockHttpServletRequest jsonOnly = request(null, "localhost");
		jsonOnly.addHeader("Accept", "application/json");
		jsonOnly.setContentType("application/json");
		assertThatThrownBy(() -> RequestGuard.checkPost(jsonOnly)).isInstanceOfSatisfying(McpError.class,
				error -> assertThat(error.httpStatus()).isEqualTo(406));

		MockHttpServletRequest text = request(null, "localhost");
		text.addHeader("Accept", "*/*");
		text.setContentType("text/plain");
		assertThatThrownBy(() -> RequestGuard.checkPost(text)).isInstanceOfSatisfying(McpError.class,
				error -> assertThat(error.httpStatus()).isEqualTo(415));
	}

	private static MockHttpServletRequest request(String origin, String host) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		if (origin != null) {
			request.addHeader("Origin", origin);
		}
		request.addHeader("Host", host);
		return request;
	}

}
