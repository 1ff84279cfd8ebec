package io.mcpbridge.homesim.home;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * climate.set_temperature and set_hvac_mode. The state of a climate entity is its HVAC
 * mode, as in Home Assistant.
 */
final class ClimateServices {

	static final double MIN_TEMP = 7.0;

	static final double MAX_TEMP = 35.0;

	private ClimateServices() {
	}

	static List<Service> all() {
		return List.of(
				new Service("climate", "set_temperature", "Set the target temperature (°C).",
						Map.of("temperature", "number 7..35, required"), ClimateServices::setTemperature),
				new Service("climate", "set_hvac_mode", "Set the HVAC mode.",
						Map.of("hvac_mode", "one of " + InitialHome.HVAC_MODES + ", required"),
						ClimateServices::setHvacMode));
	}

	private static Service.Change setTemperature(EntityState current, ServiceData data) {
		data.allowOnly(Set.of("temperature"));
		double target = data.requiredNumber("temperature", MIN_TEMP, MAX_TEMP);
		Map<String, Object> attributes = new LinkedHashMap<>(current.attributes());
		attributes.put("temperature", target);
		return new Service.Change(current.state(), attributes);
	}

	private static Service.Change setHvacMode(EntityState current, ServiceData data) {
		data.allowOnly(Set.of("hvac_mode"));
		String mode = data.requiredChoice("hvac_mode", InitialHome.HVAC_MODES);
		Map<String, Object> attributes = new LinkedHashMap<>(current.attributes());
		attributes.put("hvac_mode", mode);
		return new Service.Change(mode, attributes);
	}

}
