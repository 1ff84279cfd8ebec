package io.mcpbridge.homesim.home;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable snapshot of an entity, as Home Assistant reports it. Attributes keep
 * their insertion order (stable JSON output) and may hold null values (a light that is
 * off has {@code brightness: null}, like Home Assistant).
 */
public record EntityState(String entityId, String state, Map<String, Object> attributes, Instant lastChanged) {

	public EntityState {
		Objects.requireNonNull(entityId, "entityId");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(lastChanged, "lastChanged");
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

	public Domain domain() {
		return Domain.ofEntity(this.entityId);
	}

	/** Typed read of an attribute; null when absent. */
	<T> T attribute(String name, Class<T> type) {
		Object value = this.attributes.get(name);
		return type.isInstance(value) ? type.cast(value) : null;
	}

	/** The wire shape: {@code entity_id, state, attributes, last_changed} (ISO-8601). */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("entity_id", this.entityId);
		json.putAll(toHistoryJson());
		return json;
	}

	/** A history record: the entity_id is implied by the query. */
	public Map<String, Object> toHistoryJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("state", this.state);
		json.put("attributes", this.attributes);
		json.put("last_changed", this.lastChanged.toString());
		return json;
	}

}
