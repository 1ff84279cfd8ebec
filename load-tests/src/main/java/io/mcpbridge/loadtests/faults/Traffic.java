package io.mcpbridge.loadtests.faults;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls of the suite, one after the other: reads ({@code get_entity_state} of a real
 * entity) and writes ({@code call_service} turning a light on at some brightness), each
 * with a unique request id so that neither the cache nor single-flight answers it and
 * home-sim's call log names it. Seeded: the same run sends the same calls.
 */
final class Traffic {

	static final List<String> LIGHTS = List.of("light.kitchen", "light.living_room", "light.bedroom", "light.bathroom",
			"light.hallway", "light.office", "light.porch", "light.garden");

	static final List<String> READABLE = List.of("light.kitchen", "light.office", "switch.tv", "switch.coffee_maker",
			"sensor.outdoor_temperature", "sensor.power_consumption", "sensor.living_room_co2", "switch.dishwasher");

	/** One call: its id, tool, whether it writes, and its REST body. */
	record Call(String requestId, String tool, boolean write, String body) {
	}

	private final String runId;

	private final int writesPercent;

	private final Random random;

	private final AtomicLong sequence = new AtomicLong();

	Traffic(String runId, int writesPercent, long seed) {
		this.runId = runId;
		this.writesPercent = writesPercent;
		this.random = new Random(seed);
	}

	synchronized Call next() {
		String requestId = "faults-" + this.runId + "-" + this.sequence.incrementAndGet();
		if (this.random.nextInt(100) < this.writesPercent) {
			String light = LIGHTS.get(this.random.nextInt(LIGHTS.size()));
			int brightness = 1 + this.random.nextInt(255);
			return new Call(requestId, "call_service", true,
					"{\"name\":\"call_service\",\"arguments\":{"
							+ "\"domain\":\"light\",\"service\":\"turn_on\",\"entity_id\":\"" + light + "\",\"data\":{"
							+ "\"brightness\":" + brightness + "}},\"request_id\":\"" + requestId + "\"}");
		}
		String entity = READABLE.get(this.random.nextInt(READABLE.size()));
		return new Call(requestId, "get_entity_state", false, "{\"name\":\"get_entity_state\",\"arguments\":{"
				+ "\"entity_id\":\"" + entity + "\"},\"request_id\":\"" + requestId + "\"}");
	}

}
