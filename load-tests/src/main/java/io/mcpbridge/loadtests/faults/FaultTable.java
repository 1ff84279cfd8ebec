package io.mcpbridge.loadtests.faults;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The suite's table, in Markdown (the README's form). */
final class FaultTable {

	private FaultTable() {
	}

	static String markdown(List<FaultRow> rows) {
		StringBuilder table = new StringBuilder();
		table.append("| fault | down | calls | success | errors (code × calls) | lost | writes run twice "
				+ "| first success after the fault | recovered after | verdict |\n");
		table.append("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |\n");
		for (FaultRow row : rows) {
			table.append("| ")
				.append(row.fault().label())
				.append(" | ")
				.append(row.fault().staysDown() ? seconds(row.downMs()) : "–")
				.append(" | ")
				.append(row.calls())
				.append(" | ")
				.append(row.ok())
				.append(" | ")
				.append(errors(row))
				.append(" | ")
				.append(row.lost())
				.append(" | ")
				.append(row.writesTwice())
				.append(" of ")
				.append(row.writes())
				.append(" | ")
				.append(row.firstSuccessAfterMs() < 0 ? "none" : seconds(row.firstSuccessAfterMs()))
				.append(" | ")
				.append(row.recoveredAfterMs() < 0 ? "not recovered" : seconds(row.recoveredAfterMs()))
				.append(" | ")
				.append(verdict(row))
				.append(" |\n");
		}
		return table.toString();
	}

	private static String errors(FaultRow row) {
		if (row.errors().isEmpty()) {
			return "none";
		}
		return row.errors()
			.entrySet()
			.stream()
			.map(entry -> "`" + entry.getKey() + "` × " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	private static String verdict(FaultRow row) {
		if (row.passed()) {
			return "pass";
		}
		StringBuilder why = new StringBuilder("FAIL:");
		if (row.lost() > 0) {
			why.append(" lost");
		}
		if (row.undocumented() > 0) {
			why.append(" undocumented answers");
		}
		if (row.writesTwice() > 0) {
			why.append(" writes run twice");
		}
		if (row.recoveredAfterMs() < 0) {
			why.append(" not recovered");
		}
		return why.toString();
	}

	static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
