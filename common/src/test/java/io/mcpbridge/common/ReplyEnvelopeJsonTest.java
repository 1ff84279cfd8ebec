package io.mcpbridge.common;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyEnvelopeJsonTest {

	private final JsonMapper json = BridgeJson.mapper();

	private final RequestEnvelope request = new RequestEnvelope("req-9", "acme", "s", "home", Methods.TOOLS_LIST, null,
			null, Priority.HIGH, 5, "gw", null, null, 0);

	@Test
	void successRoundTrips() {
		ReplyEnvelope reply = ReplyEnvelope.success(request, json.readTree("{\"tools\":[]}"), "worker-1");
		ReplyEnvelope copy = json.readValue(json.writeValueAsString(reply), ReplyEnvelope.class);
		assertThat(copy).isEqualTo(reply);
		assertThat(copy.isSuccess()).isTrue();
	}

	@Test
	void failureRoundTripsWithUpstreamDetails() {
		ReplyError error = new ReplyError(ErrorCode.UPSTREAM_REJECTED, "Unknown tool: nope", -32602,
				json.readTree("{\"tool\":\"nope\"}"));
		ReplyEnvelope reply = ReplyEnvelope.failure(request, error, "worker-1");
		String text = json.writeValueAsString(reply);
		assertThat(text).doesNotContain("\"result\"").contains("\"code\":\"UPSTREAM_REJECTED\"");
		assertThat(json.readValue(text, ReplyEnvelope.class)).isEqualTo(reply);
	}

	@Test
	void aReplyCannotHoldBothResultAndError() {
		assertThatThrownBy(() -> new ReplyEnvelope("r", "t", json.readTree("{}"),
				ReplyError.of(ErrorCode.INTERNAL_ERROR, "x"), "w", 0, false, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aReplyCannotBeEmpty() {
		assertThatThrownBy(() -> new ReplyEnvelope("r", "t", null, null, "w", 0, false, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void errorCodesMapToHttpStatuses() {
		assertThat(ErrorCode.TIMEOUT.httpStatus()).isEqualTo(504);
		assertThat(ErrorCode.SESSION_NOT_FOUND.httpStatus()).isEqualTo(404);
		assertThat(ErrorCode.QUEUE_UNAVAILABLE.httpStatus()).isEqualTo(503);
		assertThat(ErrorCode.INVALID_REQUEST.httpStatus()).isEqualTo(400);
	}

}
