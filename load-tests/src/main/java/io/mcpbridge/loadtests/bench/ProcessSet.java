package io.mcpbridge.loadtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The processes of a system under test, read from /proc: CPU time (utime + stime of each
 * process) and resident memory. The set is recomputed on every read, so subprocesses
 * started later (a pool growing, a restarted upstream) count. A process that exits
 * between two reads loses its last ticks: negligible for the long-lived processes
 * measured here.
 */
final class ProcessSet {

	/**
	 * USER_HZ: the unit of utime/stime. 100 on every Linux build in practice; read from
	 * getconf when possible.
	 */
	private static final long TICKS_PER_SECOND = ticksPerSecond();

	private final Supplier<Set<Long>> pids;

	private ProcessSet(Supplier<Set<Long>> pids) {
		this.pids = pids;
	}

	static ProcessSet none() {
		return new ProcessSet(Set::of);
	}

	/**
	 * These roots and all their descendants, plus every process whose command name is in
	 * {@code names}.
	 */
	static ProcessSet treesAndNamed(List<Long> roots, List<String> names) {
		return new ProcessSet(() -> {
			Set<Long> all = new LinkedHashSet<>();
			for (long root : roots) {
				ProcessHandle.of(root).ifPresent(handle -> {
					all.add(handle.pid());
					handle.descendants().forEach(child -> all.add(child.pid()));
				});
			}
			all.addAll(byName(names));
			return all;
		});
	}

	Set<Long> pids() {
		return pids.get();
	}

	/** Total CPU seconds (user + system) consumed so far by the processes of the set. */
	double cpuSeconds() {
		long ticks = 0;
		for (long pid : pids()) {
			ticks += cpuTicks(pid);
		}
		return (double) ticks / TICKS_PER_SECOND;
	}

	/** Sum of the current resident set sizes, in bytes. */
	long rssBytes() {
		long total = 0;
		for (long pid : pids()) {
			total += statusKb(pid, "VmRSS:") * 1024;
		}
		return total;
	}

	private static long cpuTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name (field 2) may contain spaces: fields are counted after its
			// closing parenthesis.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14)
																			// and stime
																			// (15)
		}
		catch (IOException | RuntimeException gone) {
			return 0;
		}
	}

	private static long statusKb(long pid, String field) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
			return lines.filter(line -> line.startsWith(field))
				.map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]))
				.findFirst()
				.orElse(0L);
		}
		catch (IOException | RuntimeException gone) {
			return 0;
		}
	}

	private static Set<Long> byName(List<String> names) {
		Set<Long> found = new LinkedHashSet<>();
		if (names.isEmpty()) {
			return found;
		}
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
				try {
					if (names.contains(Files.readString(p.resolve("comm")).trim())) {
						found.add(Long.parseLong(p.getFileName().toString()));
					}
				}
				catch (IOException | RuntimeException gone) {
					// exited while listing
				}
			});
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list /proc: this harness needs Linux", ex);
		}
		return found;
	}

	private static long ticksPerSecond() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes()).trim();
			return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
