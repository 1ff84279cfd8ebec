package io.mcpbridge.loadtests.bench;

import java.util.List;

/**
 * A way of calling one MCP tool: direct stdio, the REST API, an MCP Streamable HTTP
 * endpoint. A target hands out one {@link Caller} per simulated client; callers are used
 * by one thread each.
 */
interface CallTarget extends AutoCloseable {

	/**
	 * Short name used in the table and the JSON: {@code stdio}, {@code rest},
	 * {@code mcp}.
	 */
	String name();

	/** Opens a client (a REST or MCP session; the shared stdio connection). */
	Caller newCaller() throws Exception;

	/**
	 * Processes whose CPU and RSS count for this target (the server side only, never the
	 * harness).
	 */
	ProcessSet processes();

	@Override
	void close();

	/** One client's calls. */
	interface Caller {

		/**
		 * Calls the tool once with this entity id; throws on any failure, including an
		 * {@code isError} result.
		 */
		void call(String entityId) throws Exception;

	}

	/**
	 * The home-sim entities the workload cycles through (a real id never gives an error
	 * result).
	 */
	List<String> ENTITIES = List.of("light.kitchen", "light.living_room", "light.bedroom", "light.bathroom",
			"light.hallway", "light.office", "light.porch", "light.garden", "switch.coffee_maker", "switch.garden_pump",
			"switch.tv", "switch.bedroom_fan", "switch.christmas_lights", "switch.dishwasher",
			"sensor.outdoor_temperature", "sensor.indoor_temperature", "sensor.outdoor_humidity",
			"sensor.living_room_co2", "sensor.power_consumption", "sensor.energy_today", "sensor.air_pressure",
			"sensor.phone_battery", "climate.living_room", "climate.bedroom", "climate.office", "cover.garage_door",
			"cover.living_room_blinds", "cover.bedroom_blinds", "cover.patio_awning", "binary_sensor.front_door",
			"binary_sensor.back_door", "binary_sensor.hallway_motion", "binary_sensor.kitchen_window",
			"binary_sensor.smoke_detector");

}
