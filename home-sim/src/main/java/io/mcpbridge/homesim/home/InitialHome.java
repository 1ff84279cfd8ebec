package io.mcpbridge.homesim.home;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The furnished home at start-up: 34 entities in six domains. Lights, switches and covers
 * start in fixed states; sensor readings, binary sensors and room temperatures come from
 * the seed, so two servers with the same seed agree.
 */
final class InitialHome {

	/** Fixed, not the start time: the initial snapshot must be identical on every run. */
	static final Instant INITIAL_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

	static final List<String> HVAC_MODES = List.of("off", "heat", "cool", "auto");

	private final SeededValues values;

	private final List<EntityState> entities = new ArrayList<>();

	private InitialHome(long seed) {
		this.values = new SeededValues(seed);
	}

	static List<EntityState> create(long seed) {
		InitialHome home = new InitialHome(seed);
		home.lights();
		home.switches();
		home.sensors();
		home.climates();
		home.covers();
		home.binarySensors();
		return List.copyOf(home.entities);
	}

	private void lights() {
		light("kitchen", "Kitchen Light", 200);
		light("living_room", "Living Room Light", 150);
		light("bedroom", "Bedroom Light", null);
		light("bathroom", "Bathroom Light", null);
		light("hallway", "Hallway Light", 80);
		light("office", "Office Light", null);
		light("porch", "Porch Light", null);
		light("garden", "Garden Lights", null);
	}

	private void light(String id, String name, Integer brightness) {
		Map<String, Object> attributes = named(name);
		attributes.put("brightness", brightness);
		attributes.put("supported_color_modes", List.of("brightness"));
		add("light." + id, brightness == null ? "off" : "on", attributes);
	}

	private void switches() {
		add("switch.coffee_maker", "off", named("Coffee Maker"));
		add("switch.garden_pump", "off", named("Garden Pump"));
		add("switch.tv", "on", named("TV"));
		add("switch.bedroom_fan", "off", named("Bedroom Fan"));
		add("switch.christmas_lights", "off", named("Christmas Lights"));
		add("switch.dishwasher", "on", named("Dishwasher"));
	}

	private void sensors() {
		sensor("outdoor_temperature", "Outdoor Temperature", "°C", "temperature", -5, 30, 1);
		sensor("indoor_temperature", "Indoor Temperature", "°C", "temperature", 18, 24, 1);
		sensor("outdoor_humidity", "Outdoor Humidity", "%", "humidity", 30, 95, 0);
		sensor("living_room_co2", "Living Room CO2", "ppm", "carbon_dioxide", 400, 1500, 0);
		sensor("power_consumption", "Power Consumption", "W", "power", 100, 3500, 0);
		sensor("energy_today", "Energy Today", "kWh", "energy", 2, 25, 2);
		sensor("air_pressure", "Air Pressure", "hPa", "pressure", 980, 1040, 1);
		sensor("phone_battery", "Phone Battery", "%", "battery", 5, 100, 0);
	}

	private void sensor(String id, String name, String unit, String deviceClass, double min, double max, int decimals) {
		String entityId = "sensor." + id;
		double value = this.values.between(entityId, min, max, decimals);
		Map<String, Object> attributes = named(name);
		attributes.put("unit_of_measurement", unit);
		attributes.put("device_class", deviceClass);
		attributes.put("state_class", "measurement");
		// Home Assistant states are strings; Locale.ROOT keeps the decimal point a dot
		// everywhere.
		add(entityId, String.format(Locale.ROOT, "%." + decimals + "f", value), attributes);
	}

	private void climates() {
		climate("living_room", "Living Room Thermostat", "heat", 21.0);
		climate("bedroom", "Bedroom Thermostat", "off", 18.0);
		climate("office", "Office Thermostat", "auto", 20.5);
	}

	private void climate(String id, String name, String hvacMode, double target) {
		String entityId = "climate." + id;
		Map<String, Object> attributes = named(name);
		attributes.put("hvac_mode", hvacMode);
		attributes.put("hvac_modes", HVAC_MODES);
		attributes.put("temperature", target);
		attributes.put("current_temperature", this.values.between(entityId, 17, 24, 1));
		attributes.put("min_temp", ClimateServices.MIN_TEMP);
		attributes.put("max_temp", ClimateServices.MAX_TEMP);
		add(entityId, hvacMode, attributes);
	}

	private void covers() {
		cover("garage_door", "Garage Door", "garage", 0);
		cover("living_room_blinds", "Living Room Blinds", "blind", 100);
		cover("bedroom_blinds", "Bedroom Blinds", "blind", 30);
		cover("patio_awning", "Patio Awning", "awning", 0);
	}

	private void cover(String id, String name, String deviceClass, int position) {
		Map<String, Object> attributes = named(name);
		attributes.put("current_position", position);
		attributes.put("device_class", deviceClass);
		add("cover." + id, position == 0 ? "closed" : "open", attributes);
	}

	private void binarySensors() {
		binarySensor("front_door", "Front Door", "door");
		binarySensor("back_door", "Back Door", "door");
		binarySensor("hallway_motion", "Hallway Motion", "motion");
		binarySensor("kitchen_window", "Kitchen Window", "window");
		binarySensor("smoke_detector", "Smoke Detector", "smoke");
	}

	private void binarySensor(String id, String name, String deviceClass) {
		String entityId = "binary_sensor." + id;
		Map<String, Object> attributes = named(name);
		attributes.put("device_class", deviceClass);
		// A smoke alarm that is on at start-up would surprise every demo: only the others
		// come from the seed.
		boolean on = !"smoke".equals(deviceClass) && this.values.flag(entityId);
		add(entityId, on ? "on" : "off", attributes);
	}

	private static Map<String, Object> named(String friendlyName) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("friendly_name", friendlyName);
		return attributes;
	}

	private void add(String entityId, String state, Map<String, Object> attributes) {
		this.entities.add(new EntityState(entityId, state, attributes, INITIAL_INSTANT));
	}

}
