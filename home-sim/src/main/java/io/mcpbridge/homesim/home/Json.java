package io.mcpbridge.homesim.home;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of JSON-shaped values, so a caller keeping a reference cannot
 * change stored state.
 */
final class Json {

	private Json() {
	}

	static Object freeze(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(String.valueOf(key), freeze(item)));
			return Collections.unmodifiableMap(copy);
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach(item -> copy.add(freeze(item)));
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

}
