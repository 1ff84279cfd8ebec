package io.mcpbridge.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of every wire record: absent fields are null, null fields are omitted,
 * unknown fields are ignored (so a newer producer can add fields without breaking older
 * consumers).
 */
public final class BridgeJson {

	/**
	 * How deep a client's JSON (a request body, a JSON-RPC message) may nest: checked by
	 * the gateway, which answers deeper documents with 400 before anything is queued.
	 */
	public static final int MAX_CLIENT_DEPTH = 100;

	/**
	 * How deep any JSON of the bridge may nest when read or written (envelopes, replies,
	 * stdio messages). Well above {@link #MAX_CLIENT_DEPTH} plus the few levels an
	 * envelope or a JSON-RPC request adds around a client's arguments, so that what the
	 * gateway accepts is never refused by the worker.
	 */
	public static final int MAX_WIRE_DEPTH = 500;

	private static final JsonMapper MAPPER = builder(MAX_WIRE_DEPTH).build();

	private static final JsonMapper CLIENT_MAPPER = builder(MAX_CLIENT_DEPTH).build();

	private BridgeJson() {
	}

	/** The shared, thread-safe mapper. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * The mapper for what a client sends: the same mapping, nesting limited to
	 * {@link #MAX_CLIENT_DEPTH}.
	 */
	public static JsonMapper clientMapper() {
		return CLIENT_MAPPER;
	}

	private static JsonMapper.Builder builder(int maxDepth) {
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_WIRE_DEPTH).build())
			.build();
		return JsonMapper.builder(factory)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL));
	}

}
