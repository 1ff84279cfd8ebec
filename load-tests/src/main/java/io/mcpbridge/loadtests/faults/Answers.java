package io.mcpbridge.loadtests.faults;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the bridge's answer to a REST call into an {@link Outcome} result. */
final class Answers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Answers() {
	}

	/**
	 * {@link Outcome#OK} or {@link Outcome#TOOL_ERROR} for a 200 with a result, the
	 * {@code error.code} of an error body, else {@code HTTP_<status>}.
	 */
	static String resultOf(int status, String body) {
		JsonNode json = parse(body);
		if (status == 200 && json != null && json.path("result").isObject()) {
			return json.path("result").path("isError").asBoolean(false) ? Outcome.TOOL_ERROR : Outcome.OK;
		}
		if (json != null && json.path("error").path("code").isString()) {
			return json.path("error").path("code").asString();
		}
		return "HTTP_" + status;
	}

	/** The {@code session_id} of an initialize answer, or null. */
	static String sessionId(String body) {
		JsonNode json = parse(body);
		if (json == null) {
			return null;
		}
		JsonNode id = json.path("result").path("session_id");
		return id.isString() ? id.asString() : null;
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isEmpty()) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException notJson) {
			return null;
		}
	}

}
