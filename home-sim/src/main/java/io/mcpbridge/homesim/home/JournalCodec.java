package io.mcpbridge.homesim.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;

/**
 * The journal's line format, one JSON object per line: {@code {"op":"init","seed":42}}
 * first, then {@code {"op":"call_service","at":"<ISO instant>","args":{...}}} per
 * mutation. {@code at} is the last_changed the writer chose, so replay is deterministic.
 */
final class JournalCodec {

	/**
	 * Bound on one line, read or written: a corrupt file must not make a reader buffer
	 * without limit.
	 */
	static final int MAX_LINE_BYTES = 1 << 20;

	private static final String INIT = "init";

	/**
	 * A decoded line: a mutation and its instant, or (mutation null) the header with the
	 * journal's seed.
	 */
	record Entry(Mutation mutation, Instant at, Long seed) {
	}

	private final McpJsonMapper mapper = McpJsonDefaults.getMapper();

	byte[] header(long seed) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("op", INIT);
		line.put("seed", seed);
		return toLine(line);
	}

	/**
	 * @throws HomeException INVALID_ARGUMENT when the line would exceed the bound: no
	 * reader would accept it
	 */
	byte[] encode(Mutation mutation, Instant at) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("op", mutation.op());
		line.put("at", at.toString());
		line.put("args", mutation.arguments());
		byte[] bytes = toLine(line);
		if (bytes.length > MAX_LINE_BYTES) {
			throw HomeException.invalid(mutation.op() + " arguments are too large (over " + MAX_LINE_BYTES + " bytes)");
		}
		return bytes;
	}

	/**
	 * @param line without its newline. @throws IllegalArgumentException for anything that
	 * is not a valid line
	 */
	@SuppressWarnings("unchecked")
	Entry decode(byte[] line) {
		Map<String, Object> json;
		try {
			json = this.mapper.readValue(line, new TypeRef<Map<String, Object>>() {
			});
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("not a JSON object: " + ex.getMessage(), ex);
		}
		if (json == null) {
			throw new IllegalArgumentException("not a JSON object");
		}
		Object op = json.get("op");
		if (INIT.equals(op) && json.get("seed") instanceof Number seed) {
			return new Entry(null, null, seed.longValue());
		}
		if (!(op instanceof String name) || !(json.get("at") instanceof String at)
				|| !(json.get("args") instanceof Map<?, ?> args)) {
			throw new IllegalArgumentException("needs op, at and args");
		}
		try {
			return new Entry(Mutation.of(name, (Map<String, Object>) args), Instant.parse(at), null);
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new IllegalArgumentException("bad instant " + at, ex);
		}
	}

	private byte[] toLine(Map<String, Object> line) {
		try {
			return (this.mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
