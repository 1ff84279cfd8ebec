package io.mcpbridge.loadtests;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request bodies of the simulations: the seed's tool mix against home-sim. Every body
 * is valid for home-sim, so any non-200 answer or {@code isError: true} result is a fault
 * of the bridge, not of the traffic.
 *
 * <p>
 * The issue asks for 200 entities; home-sim has 34. Entity "slots" 0..199 are mapped onto
 * the real ids cyclically, so the key distribution over Kafka partitions is the one of
 * the real home (an unknown id would be an error result).
 */
final class HomeTraffic {

	static final int ENTITY_SLOTS = 200;

	static final List<String> ENTITIES = List.of("light.kitchen", "light.living_room", "light.bedroom",
			"light.bathroom", "light.hallway", "light.office", "light.porch", "light.garden", "switch.coffee_maker",
			"switch.garden_pump", "switch.tv", "switch.bedroom_fan", "switch.christmas_lights", "switch.dishwasher",
			"sensor.outdoor_temperature", "sensor.indoor_temperature", "sensor.outdoor_humidity",
			"sensor.living_room_co2", "sensor.power_consumption", "sensor.energy_today", "sensor.air_pressure",
			"sensor.phone_battery", "climate.living_room", "climate.bedroom", "climate.office", "cover.garage_door",
			"cover.living_room_blinds", "cover.bedroom_blinds", "cover.patio_awning", "binary_sensor.front_door",
			"binary_sensor.back_door", "binary_sensor.hallway_motion", "binary_sensor.kitchen_window",
			"binary_sensor.smoke_detector");

	private static final List<String> LIGHTS = ENTITIES.stream().filter(e -> e.startsWith("light.")).toList();

	private static final List<String> SWITCHES = ENTITIES.stream().filter(e -> e.startsWith("switch.")).toList();

	private static final List<String> CLIMATES = ENTITIES.stream().filter(e -> e.startsWith("climate.")).toList();

	private static final List<String> DOMAINS = List.of("light", "switch", "sensor", "climate", "cover",
			"binary_sensor");

	/**
	 * create_automation uses a small fixed set of definitions: the same alias with the
	 * same definition is idempotent in home-sim, whereas unique aliases would hit its
	 * limit of 1,000 automations in a long run.
	 */
	static final int AUTOMATIONS = 10;

	private HomeTraffic() {
	}

	/**
	 * One feeder record per call: random entity slot, service call and automation, with
	 * the bodies ready.
	 */
	static Map<String, Object> nextRecord() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String entity = ENTITIES.get(random.nextInt(ENTITY_SLOTS) % ENTITIES.size());
		return Map.of("entityState", call("get_entity_state", "{\"entity_id\":\"" + entity + "\"}"), "entities",
				call("get_entities", "{\"domain\":\"" + DOMAINS.get(random.nextInt(DOMAINS.size())) + "\"}"), "service",
				call("call_service", serviceArguments(random)), "automation",
				call("create_automation", automationArguments(random.nextInt(AUTOMATIONS))), "history",
				call("get_history",
						"{\"entity_id\":\"" + entity + "\",\"start\":\"" + Instant.now().minusSeconds(60) + "\"}"));
	}

	static String call(String tool, String arguments) {
		return "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}";
	}

	private static String serviceArguments(ThreadLocalRandom random) {
		return switch (random.nextInt(4)) {
			case 0 -> service("light", "turn_on", pick(LIGHTS, random),
					",\"data\":{\"brightness\":" + (1 + random.nextInt(255)) + "}");
			case 1 -> service("light", random.nextBoolean() ? "toggle" : "turn_off", pick(LIGHTS, random), "");
			case 2 -> service("switch", random.nextBoolean() ? "turn_on" : "toggle", pick(SWITCHES, random), "");
			default -> service("climate", "set_temperature", pick(CLIMATES, random),
					",\"data\":{\"temperature\":" + (18 + random.nextInt(7)) + "}");
		};
	}

	private static String service(String domain, String service, String entity, String data) {
		return "{\"domain\":\"" + domain + "\",\"service\":\"" + service + "\",\"entity_id\":\"" + entity + "\"" + data
				+ "}";
	}

	/**
	 * Automation i always has the same definition, so repeating it returns the stored one
	 * unchanged.
	 */
	static String automationArguments(int i) {
		String light = LIGHTS.get(i % LIGHTS.size());
		return "{\"alias\":\"mcp-bridge load test " + i + "\",\"trigger\":{\"platform\":\"time\",\"at\":\"0" + (i % 10)
				+ ":30\"},\"action\":{\"service\":\"light.turn_on\",\"entity_id\":\"" + light + "\"}}";
	}

	private static String pick(List<String> list, ThreadLocalRandom random) {
		return list.get(random.nextInt(list.size()));
	}

}
