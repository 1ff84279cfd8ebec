package io.mcpbridge.standalone.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.mcpbridge.common.BridgeJson;
import tools.jackson.databind.JsonNode;

/**
 * home-sim's call log: one line per executed tools/call, with its arguments and start/end
 * times.
 */
final class CallLogFile {

	record Call(String tool, String entity, int brightness, long startUs, long endUs, long pid) {

		boolean overlaps(Call other) {
			return startUs < other.endUs && other.startUs < endUs;
		}
	}

	private CallLogFile() {
	}

	static List<Call> read(Path file) {
		if (!Files.exists(file)) {
			return List.of();
		}
		try {
			List<Call> calls = new ArrayList<>();
			for (String line : Files.readAllLines(file)) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode json = BridgeJson.mapper().readTree(line);
				JsonNode arguments = json.path("arguments");
				calls.add(new Call(json.path("tool").asString(), arguments.path("entity_id").asString(),
						arguments.path("data").path("brightness").asInt(-1), json.path("start_us").asLong(),
						json.path("end_us").asLong(), json.path("pid").asLong()));
			}
			return calls;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Calls of entities whose name starts with {@code prefix}, grouped by entity, in
	 * start order.
	 */
	static Map<String, List<Call>> byEntity(List<Call> calls, String prefix) {
		return calls.stream()
			.filter(call -> call.entity().startsWith(prefix))
			.sorted(java.util.Comparator.comparingLong(Call::startUs))
			.collect(Collectors.groupingBy(Call::entity));
	}

	/** How many pairs of calls of one entity ran at the same time. */
	static int overlaps(Map<String, List<Call>> byEntity) {
		int overlaps = 0;
		for (List<Call> calls : byEntity.values()) {
			for (int i = 1; i < calls.size(); i++) {
				if (calls.get(i).overlaps(calls.get(i - 1))) {
					overlaps++;
				}
			}
		}
		return overlaps;
	}

	/** The most calls that ran at the same moment. */
	static int maxConcurrency(List<Call> calls) {
		List<long[]> edges = new ArrayList<>();
		calls.forEach(call -> {
			edges.add(new long[] { call.startUs(), 1 });
			edges.add(new long[] { call.endUs(), -1 });
		});
		edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
		int now = 0;
		int max = 0;
		for (long[] edge : edges) {
			now += (int) edge[1];
			max = Math.max(max, now);
		}
		return max;
	}

}
