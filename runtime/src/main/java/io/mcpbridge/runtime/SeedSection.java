package io.mcpbridge.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of the seed's config file, read key by key: every getter records the key as
 * known, and {@link #requireNoOtherKeys()} then names any key nobody asked for. Ill-typed
 * values fail at once, naming the key's full path.
 */
final class SeedSection {

	private final String file;

	private final String path;

	private final Map<?, ?> values;

	private final Set<String> known = new LinkedHashSet<>();

	SeedSection(String file, String path, Map<?, ?> values) {
		this.file = file;
		this.path = path;
		this.values = values == null ? Map.of() : values;
	}

	String path(String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

	private Object raw(String key) {
		known.add(key);
		return values.get(key);
	}

	boolean has(String key) {
		return values.get(key) != null;
	}

	Integer integer(String key, int min) {
		Object value = raw(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Integer number)) {
			throw fail(key, "must be an integer", value);
		}
		if (number < min) {
			throw fail(key, "must be at least " + min, value);
		}
		return number;
	}

	/**
	 * A number of seconds (integer or decimal), as a duration property value such as
	 * {@code 1500ms}.
	 */
	String seconds(String key, double min) {
		Object value = raw(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number number) || value instanceof Long) {
			throw fail(key, "must be a number of seconds", value);
		}
		if (number.doubleValue() < min) {
			throw fail(key, "must be at least " + min, value);
		}
		return Math.round(number.doubleValue() * 1000) + "ms";
	}

	Double number(String key, double minExclusive) {
		Object value = raw(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number number) || !(number.doubleValue() > minExclusive)) {
			throw fail(key, "must be a number greater than " + minExclusive, value);
		}
		return number.doubleValue();
	}

	Boolean bool(String key) {
		Object value = raw(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Boolean flag)) {
			throw fail(key, "must be true or false", value);
		}
		return flag;
	}

	String string(String key) {
		Object value = raw(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text) || text.isBlank()) {
			throw fail(key, "must be a non-empty string", value);
		}
		return text;
	}

	String oneOf(String key, Set<String> allowed) {
		String value = string(key);
		if (value != null && !allowed.contains(value)) {
			throw fail(key, "must be one of " + new TreeSet<>(allowed), value);
		}
		return value;
	}

	SeedSection section(String key) {
		Object value = raw(key);
		if (value != null && !(value instanceof Map)) {
			throw fail(key, "must be a mapping", value);
		}
		return new SeedSection(file, path(key), (Map<?, ?>) value);
	}

	List<String> strings(String key) {
		Object value = raw(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(item -> item instanceof String)) {
			throw fail(key, "must be a list of strings", value);
		}
		return list.stream().map(String.class::cast).toList();
	}

	Map<String, String> stringMap(String key) {
		Object value = raw(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw fail(key, "must be a mapping of names to strings", value);
		}
		Map<String, String> result = new LinkedHashMap<>();
		map.forEach((name, item) -> {
			if (!(name instanceof String) || item instanceof Map || item instanceof List || item == null) {
				throw fail(key + "." + name, "must be a string", item);
			}
			result.put((String) name, item.toString());
		});
		return result;
	}

	List<SeedSection> sections(String key) {
		Object value = raw(key);
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(item -> item instanceof Map)) {
			throw fail(key, "must be a list of mappings", value);
		}
		List<SeedSection> sections = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			sections.add(new SeedSection(file, path(key) + "[" + i + "]", (Map<?, ?>) list.get(i)));
		}
		return sections;
	}

	void requireNoOtherKeys() {
		for (Object key : values.keySet()) {
			if (!known.contains(String.valueOf(key))) {
				throw new SeedConfigException(file + ": unknown key '" + path(String.valueOf(key)) + "' (known here: "
						+ String.join(", ", known) + ")");
			}
		}
	}

	SeedConfigException fail(String key, String rule, Object value) {
		String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
		if (shown.length() > 80) {
			shown = shown.substring(0, 80) + "...";
		}
		return new SeedConfigException(file + ": " + path(key) + " " + rule + ", got " + shown);
	}

}
