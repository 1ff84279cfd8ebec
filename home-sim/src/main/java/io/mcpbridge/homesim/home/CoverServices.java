package io.mcpbridge.homesim.home;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cover.open_cover / close_cover / set_cover_position. Position 0 is closed; anything
 * above is open.
 */
final class CoverServices {

	private CoverServices() {
	}

	static List<Service> all() {
		return List.of(
				new Service("cover", "open_cover", "Open a cover fully (position 100).", Map.of(),
						(current, data) -> fixed(current, data, 100)),
				new Service("cover", "close_cover", "Close a cover fully (position 0).", Map.of(),
						(current, data) -> fixed(current, data, 0)),
				new Service("cover", "set_cover_position", "Move a cover to a position.",
						Map.of("position", "integer 0..100, required (0 = closed)"), CoverServices::setPosition));
	}

	private static Service.Change fixed(EntityState current, ServiceData data, int position) {
		data.allowOnly(Set.of());
		return at(current, position);
	}

	private static Service.Change setPosition(EntityState current, ServiceData data) {
		data.allowOnly(Set.of("position"));
		return at(current, data.requiredInt("position", 0, 100));
	}

	private static Service.Change at(EntityState current, int position) {
		Map<String, Object> attributes = new LinkedHashMap<>(current.attributes());
		attributes.put("current_position", position);
		return new Service.Change(position == 0 ? "closed" : "open", attributes);
	}

}
