package io.mcpbridge.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of every wire record: absent fields are null, null fields are omitted,
 * unknown fields are ignored (so a newer producer can add fields without breaking older
 * consumers).
 */
public final class BridgeJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private BridgeJson() {
	}

	/** The shared, thread-safe mapper. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
