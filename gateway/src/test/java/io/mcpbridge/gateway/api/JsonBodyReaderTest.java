package io.mcpbridge.gateway.api;

import java.nio.charset.StandardCharsets;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.TestProperties;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodyReaderTest {

	/** The test properties allow 64-byte bodies. */
	private final JsonBodyReader reader = new JsonBodyReader(TestProperties.defaults());

	private static MockHttpServletRequest body(String text) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp/tools/call");
		request.setContent(text.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static ErrorCode codeOf(Runnable action) {
		try {
			action.run();
		}
		catch (BridgeException failure) {
			return failure.code();
		}
		throw new AssertionError("no BridgeException");
	}

	@Test
	void readsAnObject() {
		assertThat(reader.read(body("{\"name\":\"x\"}")).get("name").asString()).isEqualTo("x");
	}

	@Test
	void anEmptyBodyIsAnEmptyObject() {
		assertThat(reader.read(body(""))).isEmpty();
	}

	@Test
	void malformedJsonIsInvalidRequest() {
		assertThat(codeOf(() -> reader.read(body("{\"name\":")))).isEqualTo(ErrorCode.INVALID_REQUEST);
	}

	@Test
	void aNonObjectIsInvalidRequest() {
		assertThatThrownBy(() -> reader.read(body("[1,2]"))).hasMessageContaining("JSON object");
	}

	@Test
	void aBodyPastTheLimitIsRefusedEvenWithoutContentLength() {
		MockHttpServletRequest request = body("{\"name\":\"" + "x".repeat(100) + "\"}");
		assertThat(codeOf(() -> reader.read(request))).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
	}

}
