package io.mcpbridge.loadtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The machine a result was measured on: the figures mean nothing without it. */
final class MachineInfo {

	private MachineInfo() {
	}

	static Map<String, Object> describe(String name) {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("name", name);
		machine.put("measured_at", Instant.now().toString());
		machine.put("cores", Runtime.getRuntime().availableProcessors());
		machine.put("cpu_model", procField("/proc/cpuinfo", "model name"));
		machine.put("memory_gib", Math.round(kb("/proc/meminfo", "MemTotal") / 1048576.0));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		machine.put("load_average_at_start", loadAverage());
		return machine;
	}

	/**
	 * /proc/loadavg: other work on the machine skews every figure, so each result says
	 * how busy it was.
	 */
	static String loadAverage() {
		return procFirstLine("/proc/loadavg");
	}

	private static String procField(String file, String field) {
		try (Stream<String> lines = Files.lines(Path.of(file))) {
			return lines.filter(l -> l.startsWith(field))
				.map(l -> l.substring(l.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static long kb(String file, String field) {
		String value = procField(file, field);
		try {
			return Long.parseLong(value.split("\\s+")[0]);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String procFirstLine(String file) {
		try {
			return Files.readAllLines(Path.of(file)).get(0);
		}
		catch (IOException | IndexOutOfBoundsException ex) {
			return "unknown";
		}
	}

}
