package io.mcpbridge.loadtests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many times home-sim ran each request, from its call log: one JSON line per tool
 * call that ran, whose {@code meta} holds the bridge's request id
 * ({@code io.mcpbridge/requestId}). Lines of calls that got an injected fault (none in
 * the suite) did not change the home and do not count. A line is written when the call
 * has run, so a process killed between running a call and logging it leaves no line: the
 * count is a floor.
 */
final class Executions {

	static final String REQUEST_ID_META = "io.mcpbridge/requestId";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Integer> byRequestId;

	private final int unreadable;

	private Executions(Map<String, Integer> byRequestId, int unreadable) {
		this.byRequestId = byRequestId;
		this.unreadable = unreadable;
	}

	static Executions read(Path callLog) throws IOException {
		Map<String, Integer> counts = new HashMap<>();
		int[] unreadable = { 0 };
		if (!Files.exists(callLog)) {
			throw new IOException("no call log at " + callLog + ": start the fleet with fleet.sh start --call-log");
		}
		try (Stream<String> lines = Files.lines(callLog, StandardCharsets.UTF_8)) {
			lines.forEach(line -> {
				try {
					JsonNode call = JSON.readTree(line);
					JsonNode id = call.path("meta").path(REQUEST_ID_META);
					if (id.isString() && !call.has("fault")) {
						counts.merge(id.asString(), 1, Integer::sum);
					}
				}
				catch (JacksonException torn) {
					// A process killed mid-line; O_APPEND keeps the other lines whole.
					unreadable[0]++;
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		return new Executions(counts, unreadable[0]);
	}

	static Executions of(Map<String, Integer> byRequestId) {
		return new Executions(Map.copyOf(byRequestId), 0);
	}

	int of(String requestId) {
		return this.byRequestId.getOrDefault(requestId, 0);
	}

	int unreadableLines() {
		return this.unreadable;
	}

}
