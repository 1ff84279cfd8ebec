package io.mcpbridge.homesim.home;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * light.turn_on / turn_off / toggle with Home Assistant's semantics: brightness 0..255,
 * brightness 0 turns the light off, an off light reports {@code brightness: null}, and
 * turning on without a brightness restores full brightness.
 */
final class LightServices {

	static final int MAX_BRIGHTNESS = 255;

	private LightServices() {
	}

	static List<Service> all() {
		return List.of(new Service("light", "turn_on", "Turn a light on, optionally at a brightness.",
				Map.of("brightness", "integer 0..255, optional (0 turns the light off)"), LightServices::turnOn),
				new Service("light", "turn_off", "Turn a light off.", Map.of(), LightServices::turnOff),
				new Service("light", "toggle", "Turn a light on if it is off, off if it is on.", Map.of(),
						LightServices::toggle));
	}

	private static Service.Change turnOn(EntityState current, ServiceData data) {
		data.allowOnly(Set.of("brightness"));
		Integer requested = data.optionalInt("brightness", 0, MAX_BRIGHTNESS);
		if (requested != null && requested == 0) {
			return off(current);
		}
		Integer previous = current.attribute("brightness", Integer.class);
		int brightness = requested != null ? requested : previous != null ? previous : MAX_BRIGHTNESS;
		return withBrightness(current, "on", brightness);
	}

	private static Service.Change turnOff(EntityState current, ServiceData data) {
		data.allowOnly(Set.of());
		return off(current);
	}

	private static Service.Change toggle(EntityState current, ServiceData data) {
		data.allowOnly(Set.of());
		return "on".equals(current.state()) ? off(current) : withBrightness(current, "on", MAX_BRIGHTNESS);
	}

	private static Service.Change off(EntityState current) {
		return withBrightness(current, "off", null);
	}

	private static Service.Change withBrightness(EntityState current, String state, Integer brightness) {
		Map<String, Object> attributes = new LinkedHashMap<>(current.attributes());
		attributes.put("brightness", brightness);
		return new Service.Change(state, attributes);
	}

}
