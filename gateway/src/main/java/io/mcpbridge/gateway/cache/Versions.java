package io.mcpbridge.gateway.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.CacheDependencies;
import io.mcpbridge.common.CanonicalJson;

/**
 * The values of an entry's dependency fields in the version hash, read before its
 * upstream call. An entry is valid only while the hash still holds these values: a write
 * bumps a field, and every entry read under the old value (even one stored after the
 * write, by a read that started before it) stops being served. An absent field is the
 * empty string (never written).
 *
 * @param values field → value, in dependency order
 */
record Versions(Map<String, String> values) {

	Versions {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	static Versions of(List<String> fields, List<String> values) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < fields.size(); i++) {
			String value = i < values.size() ? values.get(i) : null;
			map.put(fields.get(i), value == null ? "" : value);
		}
		return new Versions(map);
	}

	/** Whether the epoch is set: without one nothing may be trusted or stored. */
	boolean hasEpoch() {
		return !values.getOrDefault(CacheDependencies.EPOCH, "").isEmpty();
	}

	/** A short, stable hash of the snapshot, for lock keys. */
	String digest() {
		return CanonicalJson.sha256(BridgeJson.mapper().valueToTree(values)).substring(0, 16);
	}
}
