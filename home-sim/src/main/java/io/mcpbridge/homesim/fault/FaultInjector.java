package io.mcpbridge.homesim.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides, one uniform draw per tool call from a generator seeded at start, which fault
 * (if any) the call gets, so a process given the same seed and the same calls misbehaves
 * the same way every run. The draw is taken before the tool's body runs: a failed, hung
 * or crashed call never changes the home, which lets tests count the writes that really
 * happened in the call log.
 *
 * <p>
 * With a faults file, the rates can change while the process runs (to watch a circuit
 * breaker open, then close once the upstream recovers): the file holds {@code name=value}
 * lines with the option names of {@link FaultRates} ({@code #} starts a comment). It is
 * read again whenever its modification time or size changes; while it is absent the
 * command-line rates apply; a file that cannot be parsed keeps the rates in force and
 * says why on stderr, because a typo must not take a running server down.
 */
public final class FaultInjector {

	/**
	 * Exit code of a process ended by an injected crash, so that it cannot be mistaken
	 * for a real failure.
	 */
	public static final int CRASH_EXIT_CODE = 3;

	private final FaultRates commandLine;

	private final Path faultsFile;

	private final Random random;

	private FaultRates rates;

	private FileTime fileTime;

	private long fileSize = -1;

	public FaultInjector(FaultRates commandLine, Path faultsFile, long seed) {
		this.commandLine = commandLine;
		this.faultsFile = faultsFile;
		this.random = new Random(seed);
		this.rates = commandLine;
	}

	/** The fault of the next call, and how long a slow one waits. */
	public synchronized Decision next() {
		refreshFromFile();
		double draw = this.random.nextDouble();
		FaultRates r = this.rates;
		double bound = r.crashRate();
		if (draw < bound) {
			return new Decision(Fault.CRASH, 0);
		}
		bound += r.hangRate();
		if (draw < bound) {
			return new Decision(Fault.HANG, 0);
		}
		bound += r.failRate();
		if (draw < bound) {
			return new Decision(Fault.FAIL, 0);
		}
		bound += r.slowRate();
		if (draw < bound) {
			return new Decision(Fault.SLOW, r.slowMs());
		}
		return new Decision(Fault.NONE, 0);
	}

	private void refreshFromFile() {
		if (this.faultsFile == null) {
			return;
		}
		try {
			if (!Files.exists(this.faultsFile)) {
				this.rates = this.commandLine;
				this.fileTime = null;
				this.fileSize = -1;
				return;
			}
			FileTime time = Files.getLastModifiedTime(this.faultsFile);
			long size = Files.size(this.faultsFile);
			if (time.equals(this.fileTime) && size == this.fileSize) {
				return;
			}
			this.fileTime = time;
			this.fileSize = size;
			this.rates = parse(Files.readAllLines(this.faultsFile), this.commandLine);
			System.err.println("home-sim: faults now " + this.rates + " (from " + this.faultsFile + ")");
		}
		catch (IOException | IllegalArgumentException ex) {
			System.err.println("home-sim: faults file " + this.faultsFile + " ignored, rates stay " + this.rates + ": "
					+ ex.getMessage());
		}
	}

	static FaultRates parse(List<String> lines, FaultRates base) {
		Map<String, String> values = new HashMap<>();
		for (String raw : lines) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int equals = line.indexOf('=');
			String name = equals < 0 ? line : line.substring(0, equals).strip();
			if (equals < 0 || !FaultRates.isFaultOption(name)) {
				throw new IllegalArgumentException("expected fail-rate, slow-rate, slow-ms, hang-rate or crash-rate"
						+ " as name=value, got '" + line + "'");
			}
			values.put(name, line.substring(equals + 1));
		}
		return FaultRates.of(values, base);
	}

	/**
	 * The fault of one call; {@code delayMs} is the wait of a {@link Fault#SLOW} call.
	 */
	public record Decision(Fault fault, long delayMs) {

	}

}
